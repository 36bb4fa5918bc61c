import { describe, expect, it } from '@jest/globals';
import { dayNumberOf } from './beijing-calendar.js';
import { WeatherClimate } from './weather-climate.js';
import { DEFAULT_WEATHER_SEED } from './weather-provider.js';
import { stationById, type WeatherStation } from './weather-stations.js';

const climate = new WeatherClimate(DEFAULT_WEATHER_SEED);
const SEASONS = Array.from({ length: 10 }, (_, i) => 2015 + i);
const station = (stationId: string): WeatherStation => stationById(stationId)!;

/** HEAT37's default season, 06-21 to 08-31: days at or above 37.0 °C. */
const hotDays = (stationId: string, year: number, seed = DEFAULT_WEATHER_SEED): number =>
  new WeatherClimate(seed)
    .dailyMaxTenths(station(stationId), dayNumberOf(`${year}-06-21`), dayNumberOf(`${year}-08-31`))
    .filter((tenths) => tenths >= 370).length;

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Share of the days of `month` (1–12) over the ten seasons on which 09:00–17:00 saw at least 2.0 mm. */
const RAIN_FROM = dayNumberOf('2015-01-01');
const RAIN_TO = dayNumberOf('2024-12-31');
const rainHistories = new Map<string, Int32Array>();
const windowRainShare = (stationId: string, month: number): number => {
  const from = RAIN_FROM;
  const to = RAIN_TO;
  let hours = rainHistories.get(stationId);
  if (!hours) rainHistories.set(stationId, (hours = climate.hourlyPrecipTenths(station(stationId), from, to)));
  let days = 0;
  let rainy = 0;
  for (let day = from; day <= to; day += 1) {
    if (new Date(day * 86_400_000).getUTCMonth() + 1 !== month) continue;
    let window = 0;
    for (let hour = 9; hour < 17; hour += 1) window += hours[(day - from) * 24 + hour]!;
    days += 1;
    if (window >= 20) rainy += 1;
  }
  return rainy / days;
};

const CITIES = {
  chongqing: '57516',
  wuhan: '57494',
  changsha: '57687',
  nanchang: '58606',
  hangzhou: '58457',
  fuzhou: '58847',
  xian: '57036',
  nanjing: '58238',
  zhengzhou: '57083',
  shanghai: '58367',
  beijing: '54511',
  guangzhou: '59287',
};
const SPOTS = ['A58457', 'A58437', 'A57558', 'A54511', 'A58362', 'A59134', 'A56385', 'A56651'];

describe('the simulated climate', () => {
  it('gives the same reading for the same seed, station and day, asked alone or within a range', () => {
    const wuhan = station(CITIES.wuhan);
    const from = dayNumberOf('2027-06-01');
    const range = climate.dailyMaxTenths(wuhan, from, from + 59);
    expect(new WeatherClimate(DEFAULT_WEATHER_SEED).dailyMaxTenths(wuhan, from, from + 59)).toEqual(range);
    for (const offset of [0, 17, 59])
      expect(climate.dailyMaxTenths(wuhan, from + offset, from + offset)[0]).toBe(range[offset]);
    const xihu = station('A58457');
    const rain = climate.hourlyPrecipTenths(xihu, from, from + 59);
    expect(climate.hourlyPrecipTenths(xihu, from + 30, from + 30)).toEqual(rain.slice(30 * 24, 31 * 24));
    // Another seed is another climate history.
    expect(new WeatherClimate(DEFAULT_WEATHER_SEED + 1).dailyMaxTenths(wuhan, from, from + 59)).not.toEqual(range);
  });

  it('produces any day of 2000–2100 on demand', () => {
    for (const date of ['2000-01-01', '2063-07-15', '2100-12-31']) {
      const day = dayNumberOf(date);
      const [tmax] = climate.dailyMaxTenths(station(CITIES.beijing), day, day);
      expect(tmax).toBeGreaterThan(-250);
      expect(tmax).toBeLessThan(450);
      expect(climate.hourlyPrecipTenths(station('A56651'), day, day)).toHaveLength(24);
    }
  });

  it('follows the seasons: cold winters in Beijing, mild ones in Guangzhou, hot summers in both', () => {
    const monthMean = (stationId: string, year: number, month: number) => {
      const from = dayNumberOf(`${year}-${String(month).padStart(2, '0')}-01`);
      return mean([...climate.dailyMaxTenths(station(stationId), from, from + 27)]) / 10;
    };
    const january = mean(SEASONS.map((year) => monthMean(CITIES.beijing, year, 1)));
    const july = mean(SEASONS.map((year) => monthMean(CITIES.beijing, year, 7)));
    expect(january).toBeGreaterThan(-3);
    expect(january).toBeLessThan(6);
    expect(july).toBeGreaterThan(29);
    expect(july).toBeLessThan(34);
    expect(mean(SEASONS.map((year) => monthMean(CITIES.guangzhou, year, 1)))).toBeGreaterThan(16);
  });

  // Each city's average sits a little above its HEAT37 deductible (chongqing 10, wuhan 6, …,
  // guangzhou 1), so that the product pays in hotter-than-usual summers at a sensible price.
  const hotDayRanges: [city: keyof typeof CITIES, min: number, max: number][] = [
    ['chongqing', 10, 16],
    ['wuhan', 6, 11],
    ['changsha', 6, 11],
    ['nanchang', 6, 11],
    ['hangzhou', 5, 10],
    ['fuzhou', 4, 9],
    ['xian', 5, 10],
    ['nanjing', 4, 9],
    ['zhengzhou', 4, 9],
    ['shanghai', 3, 7],
    ['beijing', 2, 6],
    ['guangzhou', 1, 4],
  ];
  it.each(hotDayRanges)(
    'gives %s between %d and %d days ≥ 37.0 °C per season (06-21…08-31, ten seasons)',
    (city, min, max) => {
      const counts = SEASONS.map((year) => hotDays(CITIES[city], year));
      expect(mean(counts)).toBeGreaterThanOrEqual(min);
      expect(mean(counts)).toBeLessThanOrEqual(max);
    },
  );

  it('keeps the furnaces hotter than the north and the humid south under other seeds too', () => {
    for (const seed of [1, 2, 3]) {
      const perSeason = (city: keyof typeof CITIES) => mean(SEASONS.map((year) => hotDays(CITIES[city], year, seed)));
      for (const furnace of ['chongqing', 'wuhan', 'changsha', 'nanchang', 'hangzhou'] as const) {
        expect(perSeason(furnace)).toBeGreaterThan(perSeason('beijing'));
        expect(perSeason(furnace)).toBeGreaterThan(perSeason('guangzhou'));
      }
    }
  });

  it('varies from year to year, so the price rests on a spread of seasons', () => {
    const counts = SEASONS.map((year) => hotDays(CITIES.wuhan, year));
    expect(Math.max(...counts) - Math.min(...counts)).toBeGreaterThanOrEqual(8);
  });

  it('brings hot days in spells: a hot day is likelier after a hot day', () => {
    let hot = 0;
    let days = 0;
    let hotAfterHot = 0;
    let afterHot = 0;
    for (const year of SEASONS) {
      const tmax = climate.dailyMaxTenths(
        station(CITIES.chongqing),
        dayNumberOf(`${year}-06-21`),
        dayNumberOf(`${year}-08-31`),
      );
      for (let i = 1; i < tmax.length; i += 1) {
        days += 1;
        if (tmax[i]! >= 370) hot += 1;
        if (tmax[i - 1]! >= 370) {
          afterHot += 1;
          if (tmax[i]! >= 370) hotAfterHot += 1;
        }
      }
    }
    expect(hotAfterHot / afterHot).toBeGreaterThan(1.5 * (hot / days));
  });

  it.each(SPOTS)('rains ≥ 2.0 mm between 09:00 and 17:00 on 10–45 %% of summer days at %s', (stationId) => {
    for (const month of [6, 7, 8]) {
      const share = windowRainShare(stationId, month);
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.45);
    }
  });

  it('puts the rainy seasons where they belong: 梅雨 on the lower Yangtze, the July monsoon in Beijing, Lijiang’s wet summer', () => {
    expect(windowRainShare('A58457', 6)).toBeGreaterThan(windowRainShare('A58457', 10) + 0.1);
    expect(windowRainShare('A54511', 7)).toBeGreaterThan(windowRainShare('A54511', 4) + 0.15);
    expect(windowRainShare('A54511', 1)).toBeLessThan(0.08);
    expect(windowRainShare('A56651', 7)).toBeGreaterThan(windowRainShare('A56651', 1) + 0.25);
    for (const stationId of SPOTS) {
      for (let month = 1; month <= 12; month += 1) expect(windowRainShare(stationId, month)).toBeLessThanOrEqual(0.5);
    }
  });

  it('rains on summer afternoons rather than mornings in Beijing, and leaves many days dry', () => {
    let afternoon = 0;
    let morning = 0;
    let dryDays = 0;
    let days = 0;
    for (const year of SEASONS) {
      const start = dayNumberOf(`${year}-07-01`);
      const hours = climate.hourlyPrecipTenths(station('A54511'), start, start + 30);
      for (let day = 0; day < 31; day += 1) {
        const of = (hour: number) => hours[day * 24 + hour]!;
        for (let hour = 13; hour < 19; hour += 1) afternoon += of(hour);
        for (let hour = 3; hour < 9; hour += 1) morning += of(hour);
        days += 1;
        if (Array.from({ length: 24 }, (_, hour) => of(hour)).every((tenths) => tenths === 0)) dryDays += 1;
      }
    }
    expect(afternoon).toBeGreaterThan(1.5 * morning);
    expect(dryDays / days).toBeGreaterThan(0.3);
  });
});
