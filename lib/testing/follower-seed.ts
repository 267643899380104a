import type { InboundMessage } from '../message/message-types.js';
import type { AccountState, Follower } from './emulator-state.js';

/** A follower to start with: an OpenID, or one with what `user/info` and the tag APIs should answer about them. */
export interface EmulatorFollower {
  openid: string;
  /** When they subscribed (Unix seconds); default: the emulator's start. */
  subscribeTime?: number;
  remark?: string;
  /** Tag names; tags missing from the account are created. At most 20 per user, as on the platform. */
  tags?: string[];
  /** `ADD_SCENE_QR_CODE`, `ADD_SCENE_SEARCH`…; default `ADD_SCENE_OTHERS`. */
  subscribeScene?: string;
  /** On the blacklist (still a follower). */
  blacklisted?: boolean;
}

/** Adds (or updates) a seeded follower; returns the state's record. */
export function seedFollower(account: AccountState, seed: string | EmulatorFollower, now: number): Follower {
  const spec = typeof seed === 'string' ? { openid: seed } : seed;
  const follower = account.follow(spec.openid, now);
  if (spec.subscribeTime !== undefined) follower.subscribeTime = spec.subscribeTime;
  if (spec.remark !== undefined) follower.remark = spec.remark;
  if (spec.subscribeScene !== undefined) follower.subscribeScene = spec.subscribeScene;
  for (const name of spec.tags ?? []) {
    const id = tagIdOf(account, name);
    if (!follower.tagIds.includes(id)) follower.tagIds.push(id);
  }
  if (spec.blacklisted) account.blacklist.add(spec.openid);
  return follower;
}

function tagIdOf(account: AccountState, name: string): number {
  for (const tag of account.tags.values()) if (tag.name === name) return tag.id;
  const tag = { id: account.nextTagId(), name };
  account.tags.set(tag.id, tag);
  return tag.id;
}

/**
 * Keeps followers consistent with what was pushed: an `unsubscribe` removes the follower (their tags and remark go
 * with them; the blacklist stays), a `subscribe` (re)starts one now, from a QR code when its EventKey is
 * `qrscene_…`. Any other push makes the sender a follower. Returns the follower, or undefined after an unsubscribe.
 */
export function followerAfterPush(account: AccountState, message: InboundMessage, now: number): Follower | undefined {
  const openid = message.FromUserName;
  if (message.MsgType === 'event' && message.Event === 'unsubscribe') {
    account.followers.delete(openid);
    return undefined;
  }
  if (message.MsgType === 'event' && message.Event === 'subscribe') {
    account.followers.delete(openid);
    const follower = account.follow(openid, now);
    const key = String((message as { EventKey?: unknown }).EventKey ?? '');
    if (key.startsWith('qrscene_')) {
      const scene = key.slice('qrscene_'.length);
      follower.subscribeScene = 'ADD_SCENE_QR_CODE';
      if (/^\d+$/.test(scene)) follower.qrScene = Number(scene);
      else follower.qrSceneStr = scene;
    }
    return follower;
  }
  return account.follow(openid, now);
}
