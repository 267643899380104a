/** Texts of the H5 login's answers and log lines, in one place. None holds a code, a token or a cookie value. */
export const OAUTH_MESSAGES = {
  redirecting: 'Redirecting to WeChat authorization (网页授权)',
  missingState: 'WeChat OAuth: the return from authorization carries a code but no state; refused',
  forgedState: 'WeChat OAuth: the state parameter is not one this app issued (forged or altered); refused',
  tooManyAttempts: 'WeChat OAuth: authorization did not complete after a retry (are cookies blocked?)',
  snapshotUser: 'This page needs a real WeChat user: open it in WeChat (快照页 virtual users are not accepted)',
  denied: 'WeChat OAuth: the user did not authorize this page',
  codeRefused: (errcode: number) => `WeChat OAuth: the code was refused (errcode ${errcode}); sending the visitor through authorize again`,
  exchangeFailed: (detail: string) => `WeChat OAuth: the code exchange failed (${detail})`,
} as const;
