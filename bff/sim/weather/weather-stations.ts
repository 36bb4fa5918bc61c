/**
 * The stations the simulated weather provider reports, with the climate it simulates for each.
 * Ids and codes match the BFF's `weather_places` (migration 1764600000000-weather): the national
 * reference station of each HEAT37 city and the automatic station of each RAIN spot.
 *
 * The figures are rough climate normals (mean daily maximum and its annual swing, rainy-day
 * frequency by month), tuned so that the simulated history looks like the real one where the
 * products care: hot days (≥ 37.0 °C) from 06-21 to 08-31, and rain (≥ 2.0 mm) between 09:00 and
 * 17:00. They are plausible, not official.
 */
export type WeatherStationKind = 'city' | 'spot';

export interface HeatClimate {
  /** Annual mean of the daily maximum, °C. */
  meanC: number;
  /** Half the swing between the warmest and the coldest time of year, °C. */
  amplitudeC: number;
  /** Day of the year (0-based) of the warmest normal. */
  peakDayOfYear: number;
  /** Day-to-day spread around the normal in high summer and in deep winter, °C. */
  summerSpreadC: number;
  winterSpreadC: number;
  /** Year-to-year spread of the whole year's level, °C. */
  yearSpreadC: number;
  /** How much the 梅雨 (late June) cools the normal, °C (Yangtze stations). */
  plumRainCoolingC?: number;
}

export interface RainClimate {
  /** Chance that a day has a rain episode, by month (mid-month values, interpolated between). */
  wetDayChance: readonly number[];
  /** Of the wet days, the share that are afternoon convection rather than a frontal rain, by month. */
  convectiveShare: readonly number[];
  /** Mean rain rate of a frontal (stratiform) rain hour and of a convective one, mm/h. */
  frontalMmPerHour: number;
  convectiveMmPerHour: number;
  /** Extra wet-day chance at the height of the 梅雨 (about 06-28, fading over a month either side). */
  plumRainBoost?: number;
  /** Frontal rain that mostly falls at night (the Sichuan basin's 巴山夜雨). */
  nocturnal?: boolean;
}

export interface WeatherStation {
  stationId: string;
  kind: WeatherStationKind;
  /** The BFF's place code. */
  code: string;
  name: string;
  cityName: string;
  heat: HeatClimate;
  /** Spots only: hourly precipitation is reported for scenic-spot stations. */
  rain?: RainClimate;
}

type HeatRow = [
  meanC: number,
  amplitudeC: number,
  peakDayOfYear: number,
  summerSpreadC: number,
  plumRainCoolingC?: number,
];

const heat = ([meanC, amplitudeC, peakDayOfYear, summerSpreadC, plumRainCoolingC]: HeatRow): HeatClimate => ({
  meanC,
  amplitudeC,
  peakDayOfYear,
  summerSpreadC,
  winterSpreadC: 3.2,
  yearSpreadC: 0.9,
  ...(plumRainCoolingC ? { plumRainCoolingC } : {}),
});

const city = (code: string, name: string, stationId: string, climate: HeatRow): WeatherStation => ({
  stationId,
  kind: 'city',
  code,
  name,
  cityName: name,
  heat: heat(climate),
});

// The furnaces (火炉) of the Yangtze valley and the south-east get the most 37 °C days a summer
// (Chongqing about 12, Wuhan, Changsha and Nanchang about 8 in 2011-2025); the north and the coast
// fewer; humid Guangzhou is hot every day but rarely reaches 37 °C. Calibrated so that each city's
// average sits a day or two above its HEAT37 deductible: the product pays in hotter-than-usual
// summers, at a premium of a few tens of yuan per unit.
export const CITY_STATIONS: readonly WeatherStation[] = [
  city('chongqing', '重庆', '57516', [22.4, 12.6, 216, 2.8]),
  city('wuhan', '武汉', '57494', [22.1, 12.7, 208, 2.7, 1.2]),
  city('changsha', '长沙', '57687', [21.1, 12.9, 208, 2.7, 1.2]),
  city('nanchang', '南昌', '58606', [21.6, 12.6, 208, 2.6, 1.2]),
  city('hangzhou', '杭州', '58457', [21.5, 12.8, 210, 2.7, 1.2]),
  city('xian', '西安', '57036', [20.0, 13.3, 198, 3.0]),
  city('nanjing', '南京', '58238', [21.3, 12.5, 206, 2.7, 1.2]),
  city('zhengzhou', '郑州', '57083', [20.7, 12.9, 192, 3.0]),
  city('fuzhou', '福州', '58847', [25.1, 9.6, 208, 2.0]),
  city('shanghai', '上海', '58367', [22.6, 12.2, 212, 2.5, 1.2]),
  city('beijing', '北京', '54511', [17.9, 14.7, 192, 2.8]),
  city('guangzhou', '广州', '59287', [26.5, 7.3, 206, 1.4]),
];

const months = (...values: number[]): readonly number[] => values;

const spot = (
  code: string,
  name: string,
  cityName: string,
  stationId: string,
  climate: HeatRow,
  rain: RainClimate,
): WeatherStation => ({
  stationId,
  kind: 'spot',
  code,
  name,
  cityName,
  heat: heat(climate),
  rain,
});

// Wet-day chances from Jan to Dec. The Yangtze spots peak in the 梅雨, Beijing in the July–August
// monsoon, Lijiang and Emeishan in their wet summers; convection dominates summer afternoons.
export const SPOT_STATIONS: readonly WeatherStation[] = [
  spot('xihu', '西湖', '杭州', 'A58457', [22.8, 12.8, 210, 2.7, 1.2], {
    wetDayChance: months(0.36, 0.42, 0.5, 0.5, 0.5, 0.5, 0.42, 0.44, 0.38, 0.3, 0.3, 0.3),
    convectiveShare: months(0, 0, 0.1, 0.2, 0.3, 0.25, 0.6, 0.65, 0.45, 0.2, 0.05, 0),
    frontalMmPerHour: 1.1,
    convectiveMmPerHour: 5,
    plumRainBoost: 0.28,
  }),
  spot('huangshan', '黄山风景区', '黄山', 'A58437', [15.0, 10.5, 208, 2.0], {
    wetDayChance: months(0.4, 0.46, 0.52, 0.54, 0.56, 0.55, 0.5, 0.48, 0.4, 0.32, 0.34, 0.32),
    convectiveShare: months(0, 0, 0.1, 0.2, 0.3, 0.25, 0.55, 0.6, 0.4, 0.15, 0.05, 0),
    frontalMmPerHour: 1.5,
    convectiveMmPerHour: 6,
    plumRainBoost: 0.2,
  }),
  spot('zhangjiajie', '张家界国家森林公园', '张家界', 'A57558', [22.5, 12.0, 206, 2.5, 1.0], {
    wetDayChance: months(0.4, 0.42, 0.48, 0.5, 0.52, 0.52, 0.42, 0.38, 0.34, 0.36, 0.34, 0.3),
    convectiveShare: months(0, 0, 0.1, 0.25, 0.35, 0.35, 0.6, 0.6, 0.4, 0.15, 0.05, 0),
    frontalMmPerHour: 1.3,
    convectiveMmPerHour: 5.5,
    plumRainBoost: 0.12,
  }),
  spot('gugong', '故宫博物院', '北京', 'A54511', [18.0, 14.7, 192, 2.8], {
    wetDayChance: months(0.06, 0.08, 0.12, 0.18, 0.26, 0.38, 0.58, 0.52, 0.32, 0.18, 0.09, 0.05),
    convectiveShare: months(0, 0, 0.05, 0.2, 0.45, 0.6, 0.55, 0.55, 0.4, 0.15, 0, 0),
    frontalMmPerHour: 1.0,
    convectiveMmPerHour: 7,
  }),
  spot('waitan', '外滩', '上海', 'A58362', [22.3, 12.2, 212, 2.5, 1.2], {
    wetDayChance: months(0.34, 0.4, 0.46, 0.46, 0.46, 0.48, 0.4, 0.46, 0.4, 0.3, 0.3, 0.28),
    convectiveShare: months(0, 0, 0.1, 0.2, 0.3, 0.25, 0.6, 0.6, 0.45, 0.2, 0.05, 0),
    frontalMmPerHour: 1.1,
    convectiveMmPerHour: 5.5,
    plumRainBoost: 0.28,
  }),
  spot('gulangyu', '鼓浪屿', '厦门', 'A59134', [25.8, 7.6, 214, 1.5], {
    wetDayChance: months(0.2, 0.3, 0.4, 0.46, 0.54, 0.56, 0.42, 0.46, 0.36, 0.16, 0.16, 0.16),
    convectiveShare: months(0, 0, 0.1, 0.2, 0.35, 0.4, 0.65, 0.6, 0.5, 0.2, 0.05, 0),
    frontalMmPerHour: 1.3,
    convectiveMmPerHour: 6,
  }),
  spot('emeishan', '峨眉山', '乐山', 'A56385', [19.0, 10.8, 206, 2.3], {
    wetDayChance: months(0.32, 0.34, 0.42, 0.5, 0.58, 0.66, 0.76, 0.74, 0.66, 0.5, 0.36, 0.3),
    convectiveShare: months(0, 0, 0.05, 0.15, 0.25, 0.3, 0.35, 0.35, 0.2, 0.05, 0, 0),
    frontalMmPerHour: 1.6,
    convectiveMmPerHour: 6,
    nocturnal: true,
  }),
  spot('lijiang', '丽江古城', '丽江', 'A56651', [20.6, 5.0, 160, 1.8], {
    wetDayChance: months(0.05, 0.07, 0.09, 0.14, 0.24, 0.54, 0.72, 0.7, 0.54, 0.3, 0.07, 0.04),
    convectiveShare: months(0, 0, 0.2, 0.4, 0.6, 0.6, 0.55, 0.55, 0.5, 0.3, 0.1, 0),
    frontalMmPerHour: 1.2,
    convectiveMmPerHour: 5,
  }),
];

export const WEATHER_STATIONS: readonly WeatherStation[] = [...CITY_STATIONS, ...SPOT_STATIONS];

const BY_ID = new Map(WEATHER_STATIONS.map((station) => [station.stationId, station]));

export const stationById = (stationId: string): WeatherStation | undefined => BY_ID.get(stationId);
