/** The `scene` a poster's mini-program code carries: `ic=CODE` (11 characters, within WeChat's 32). */
export const posterSceneOf = (inviteCode: string): string => `ic=${inviteCode}`;
/** The page the code opens (getwxacodeunlimit wants it without a leading slash and without a query). */
export const POSTER_PAGE = 'pages/home/index';
