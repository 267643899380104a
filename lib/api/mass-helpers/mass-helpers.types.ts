import type { MassSpeed } from './mass-helpers.dto.js';

/** Answer of `media/uploadnews` and `media/uploadvideo`: the media_id a mass `mpnews` / `mpvideo` carries. */
export interface MassMediaResult {
  type: 'news' | 'video';
  media_id: string;
  /** Unix seconds. */
  created_at: number;
}

/** Answer of `message/mass/speed/get`: the level and what it means in 万 messages a minute. */
export interface MassSpeedResult {
  speed: MassSpeed;
  realspeed: number;
}
