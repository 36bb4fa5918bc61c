/**
 * Personal data and secrets never reach a log line (compliance row 8, PIPL). pino replaces these
 * paths with "[REDACTED]" at the top level of a logged object and one level down. Log calls log
 * flat objects of ids (never a customer record), so two levels cover them; each extra wildcard
 * level is paid on every request's logger.
 */
const SENSITIVE_FIELDS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'access_token',
  'authorization',
  'cookie',
  'sessionKey',
  'session_key',
  'openid',
  'openId',
  'unionid',
  'idNumber',
  'id_number',
  'idCard',
  'phone',
  'phoneNumber',
  'purePhoneNumber',
  'mobile',
  'name',
  'insuredName',
  'userName',
  'user_name',
  'privateKey',
  'apiV3Key',
  'ciphertext',
  'paySign',
];

export const REDACT_PATHS: string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-feed-signature"]',
  'req.headers["wechatpay-signature"]',
  'req.body',
  'res.headers["set-cookie"]',
  ...SENSITIVE_FIELDS.flatMap((field) => [field, `*.${field}`]),
];
