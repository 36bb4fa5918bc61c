import Taro from '@tarojs/taro';
import { randomUuid } from './id';

export const DEVICE_ID_STORAGE_KEY = 'xiaoan.deviceId';
/** What the BFF accepts in `x-device-id` (campaigns.controller): 8-64 letters, digits, _ or -. */
const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** The id of this run when storage cannot keep one. */
let unstored: string | null = null;

/**
 * This install's device id: made up once, kept in storage and sent as `x-device-id` on every
 * request, so the BFF's per-device campaign caps count one phone as one device. Not a secret and
 * not a fingerprint: it is random, and clearing the mini-program's storage makes a new one.
 */
export const deviceId = (): string => {
  try {
    const stored: unknown = Taro.getStorageSync(DEVICE_ID_STORAGE_KEY);
    if (typeof stored === 'string' && DEVICE_ID_PATTERN.test(stored)) return stored;
  } catch {
    // Storage unavailable (private mode): keep one id for this run at least.
    if (unstored) return unstored;
  }
  const id = `d-${randomUuid()}`;
  try {
    Taro.setStorageSync(DEVICE_ID_STORAGE_KEY, id);
  } catch {
    // Not persisted: the next launch counts as a new device, which only loosens a cap.
    unstored = id;
  }
  return id;
};
