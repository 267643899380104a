// The account every benchmark server serves: the sample app's development defaults (made up, emulator-only).
import { SAMPLE_DEV_DEFAULTS } from '../../dist/sample/sample.config.js';

export const BENCH_ACCOUNT = Object.freeze({
  appId: SAMPLE_DEV_DEFAULTS.appId,
  token: SAMPLE_DEV_DEFAULTS.token,
  encodingAESKey: SAMPLE_DEV_DEFAULTS.encodingAESKey,
});
