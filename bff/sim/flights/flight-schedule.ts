/**
 * A plausible timetable of Chinese domestic flights, the same every day, so that any date a
 * customer picks has flights to insure. Times are Beijing local (UTC+8, no daylight saving).
 */
export interface Airport {
  code: string;
  name: string;
  city: string;
}

export interface ScheduledFlight {
  flightNo: string;
  carrierCode: string;
  carrierName: string;
  origin: Airport;
  destination: Airport;
  /** Local departure time, `HH:MM`. */
  departs: string;
  /** Block time in minutes. */
  blockMinutes: number;
}

export const AIRPORTS: Record<string, Airport> = {
  PEK: { code: 'PEK', name: '北京首都国际机场', city: '北京' },
  PKX: { code: 'PKX', name: '北京大兴国际机场', city: '北京' },
  SHA: { code: 'SHA', name: '上海虹桥国际机场', city: '上海' },
  PVG: { code: 'PVG', name: '上海浦东国际机场', city: '上海' },
  CAN: { code: 'CAN', name: '广州白云国际机场', city: '广州' },
  SZX: { code: 'SZX', name: '深圳宝安国际机场', city: '深圳' },
  CTU: { code: 'CTU', name: '成都双流国际机场', city: '成都' },
  TFU: { code: 'TFU', name: '成都天府国际机场', city: '成都' },
  CKG: { code: 'CKG', name: '重庆江北国际机场', city: '重庆' },
  KMG: { code: 'KMG', name: '昆明长水国际机场', city: '昆明' },
  XIY: { code: 'XIY', name: '西安咸阳国际机场', city: '西安' },
  HGH: { code: 'HGH', name: '杭州萧山国际机场', city: '杭州' },
  WUH: { code: 'WUH', name: '武汉天河国际机场', city: '武汉' },
  CSX: { code: 'CSX', name: '长沙黄花国际机场', city: '长沙' },
  XMN: { code: 'XMN', name: '厦门高崎国际机场', city: '厦门' },
  SYX: { code: 'SYX', name: '三亚凤凰国际机场', city: '三亚' },
  HAK: { code: 'HAK', name: '海口美兰国际机场', city: '海口' },
  NKG: { code: 'NKG', name: '南京禄口国际机场', city: '南京' },
  TAO: { code: 'TAO', name: '青岛胶东国际机场', city: '青岛' },
  URC: { code: 'URC', name: '乌鲁木齐地窝堡国际机场', city: '乌鲁木齐' },
};

export const CARRIERS: Record<string, string> = {
  CA: '中国国际航空',
  MU: '中国东方航空',
  CZ: '中国南方航空',
  HU: '海南航空',
  '3U': '四川航空',
  ZH: '深圳航空',
  FM: '上海航空',
  MF: '厦门航空',
  HO: '吉祥航空',
  '9C': '春秋航空',
};

type Row = [flightNo: string, origin: string, destination: string, departs: string, blockMinutes: number];

const ROWS: Row[] = [
  ['CA1501', 'PEK', 'SHA', '07:30', 135],
  ['CA1831', 'PEK', 'SHA', '09:00', 130],
  ['MU5101', 'SHA', 'PEK', '08:00', 140],
  ['MU5137', 'SHA', 'PEK', '13:00', 140],
  ['MU5183', 'SHA', 'PEK', '19:00', 145],
  ['FM9101', 'SHA', 'PEK', '10:30', 140],
  ['HO1251', 'SHA', 'PKX', '11:25', 145],
  ['CZ3101', 'CAN', 'PEK', '08:00', 195],
  ['CZ3099', 'CAN', 'PKX', '15:00', 190],
  ['CA1351', 'PEK', 'CAN', '08:30', 200],
  ['MU5301', 'SHA', 'CAN', '08:35', 150],
  ['CZ3524', 'CAN', 'SHA', '14:20', 140],
  ['ZH9801', 'SZX', 'PEK', '08:40', 200],
  ['ZH9501', 'SZX', 'SHA', '09:15', 145],
  ['CZ3551', 'SZX', 'PVG', '17:45', 150],
  ['3U8881', 'CTU', 'PEK', '08:30', 165],
  ['CA4101', 'CTU', 'PEK', '10:00', 165],
  ['3U8961', 'TFU', 'SHA', '09:35', 175],
  ['CA4501', 'CTU', 'CAN', '12:25', 145],
  ['3U8735', 'CKG', 'CAN', '10:05', 125],
  ['CA1405', 'PEK', 'CKG', '13:30', 170],
  ['MU5401', 'PVG', 'KMG', '07:55', 225],
  ['MU5722', 'KMG', 'CAN', '16:00', 130],
  ['MU2101', 'XIY', 'PEK', '09:10', 120],
  ['HU7801', 'HAK', 'PEK', '09:25', 245],
  ['HU7181', 'PEK', 'SYX', '08:05', 250],
  ['CZ6731', 'CAN', 'SYX', '13:50', 95],
  ['MF8101', 'XMN', 'PEK', '08:20', 180],
  ['MF8501', 'XMN', 'SHA', '12:40', 100],
  ['CA1701', 'PEK', 'HGH', '07:50', 135],
  ['MU5461', 'HGH', 'CAN', '18:10', 130],
  ['CZ3591', 'WUH', 'CAN', '10:40', 105],
  ['MU2457', 'WUH', 'SHA', '11:15', 95],
  ['CZ3401', 'CSX', 'PEK', '08:45', 150],
  ['MU2801', 'NKG', 'PEK', '07:40', 125],
  ['9C8801', 'PVG', 'SZX', '06:55', 155],
  ['9C8851', 'SHA', 'CTU', '21:10', 195],
  ['CA1603', 'PEK', 'TAO', '12:00', 85],
  ['CZ6901', 'URC', 'PEK', '08:55', 240],
  ['HU7605', 'PEK', 'CTU', '16:40', 170],
];

export const SCHEDULE: ScheduledFlight[] = ROWS.map(([flightNo, origin, destination, departs, blockMinutes]) => {
  const carrierCode = flightNo.slice(0, 2);
  return {
    flightNo,
    carrierCode,
    carrierName: CARRIERS[carrierCode] ?? carrierCode,
    origin: AIRPORTS[origin]!,
    destination: AIRPORTS[destination]!,
    departs,
    blockMinutes,
  };
});

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** `2026-12-01` + `07:30` Beijing → the UTC instant. */
export const beijingTime = (date: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, m) - BEIJING_OFFSET_MS);
};

/** The Beijing calendar date of an instant, `YYYY-MM-DD`. */
export const beijingDate = (at: Date): string => new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
