import type { MigrationInterface, QueryRunner } from 'typeorm';

const INSURER = '小安在线财产保险股份有限公司';
const EFFECTIVE_FROM = '2026-06-01T00:00:00+08:00';

interface SeedProduct {
  code: string;
  name: string;
  category: 'flight_delay' | 'heat' | 'rain';
  tagline: string;
  fromPremiumFen: number;
  sortOrder: number;
  filingNo: string;
  clauses: { title: string; body: string }[];
  exclusions: string[];
  terms: Record<string, unknown>;
}

const flightClauses = (minutes: number, label: string) => [
  {
    title: '第一条 保险责任',
    body:
      `在保险期间内，被保险人以乘客身份搭乘保险单载明的航班，该航班的实际到达时间较保险单载明的计划到达时间延误达到或超过${label}（含），` +
      '或该航班被取消、备降的，保险人按照本合同约定给付航班延误保险金。延误原因不限，包括但不限于天气、空中交通管制、航空公司运力调配等。',
  },
  {
    title: '第二条 保险金额与给付',
    body:
      '航班延误保险金为每份保险合同约定的固定金额，投保人可在投保时选择100元、200元或300元三档之一。' +
      '同一被保险人同一航班仅可投保一份，保险人给付一次保险金后，本合同终止。',
  },
  {
    title: '第三条 延误的认定',
    body:
      `延误时间以航班实际到达时间（以航班动态数据服务商发布的实际落地时间为准）减去投保时公布的计划到达时间计算，达到${minutes}分钟即视为满足给付条件。` +
      '航班取消或备降至非保险单载明的目的地机场的，视为满足给付条件。',
  },
  {
    title: '第四条 保险期间',
    body: '保险期间自保险单载明航班的计划起飞时间起，至该航班实际到达目的地机场、被取消或备降确认时止。',
  },
  {
    title: '第五条 自动理赔',
    body:
      '本产品为参数型保险，被保险人无需申请理赔、无需提供任何证明材料。航班到达后，保险人根据航班动态数据自动判定，' +
      '满足条件的将通过微信支付商家转账以“保险理赔款”方式向投保微信账户发放，被保险人在小程序内确认收款即可到账。',
  },
  {
    title: '第六条 投保限制',
    body:
      '本产品可在计划起飞前30日至计划起飞前2小时内投保。航班已显示延误、取消或已起飞的，不予承保。' +
      '单一航班的累计保险金额设有上限，额满即止。',
  },
];

const flightExclusions = [
  '投保时航班已发布延误、取消或备降信息，或航班已起飞的，保险人不承担给付责任。',
  '被保险人未实际搭乘保险单载明航班（包括改签、退票）的，保险人不承担给付责任，已收取的保险费在航班起飞前可申请全额退还。',
  '因投保人、被保险人的故意行为或违法犯罪行为导致航班延误的，保险人不承担给付责任。',
  '包机、公务机、货运航班及非民航局公布的定期航班不在承保范围内。',
];

const SEED: SeedProduct[] = [
  {
    code: 'FD120',
    name: '航班延误险',
    category: 'flight_delay',
    tagline: '延误2小时即赔，落地自动到账，无需申请',
    fromPremiumFen: 500,
    sortOrder: 10,
    filingNo: 'C00088832312026052100121',
    clauses: flightClauses(120, '2小时'),
    exclusions: flightExclusions,
    terms: {
      kind: 'flight_delay',
      delayThresholdMinutes: 120,
      payoutTiersFen: [10000, 20000, 30000],
      paysOnCancellation: true,
      paysOnDiversion: true,
      saleOpensDaysBefore: 30,
      saleClosesMinutesBefore: 120,
      capacityPerFlightFen: 6_000_000,
      targetLossRatio: 0.65,
      minPremiumFen: 500,
      maxTriggerProbability: 0.5,
      credibilityK: 30,
      manualReviewAfterMinutes: 360,
    },
  },
  {
    code: 'FD60',
    name: '航班延误险·1小时版',
    category: 'flight_delay',
    tagline: '延误1小时即赔，赶时间出行更安心',
    fromPremiumFen: 800,
    sortOrder: 20,
    filingNo: 'C00088832312026052100139',
    clauses: flightClauses(60, '1小时'),
    exclusions: flightExclusions,
    terms: {
      kind: 'flight_delay',
      delayThresholdMinutes: 60,
      payoutTiersFen: [10000, 20000, 30000],
      paysOnCancellation: true,
      paysOnDiversion: true,
      saleOpensDaysBefore: 30,
      saleClosesMinutesBefore: 120,
      capacityPerFlightFen: 6_000_000,
      targetLossRatio: 0.65,
      minPremiumFen: 800,
      maxTriggerProbability: 0.5,
      credibilityK: 30,
      manualReviewAfterMinutes: 360,
    },
  },
  {
    code: 'HEAT37',
    name: '37°C高温险',
    category: 'heat',
    tagline: '夏至到出伏，每个37°C高温天都有补贴',
    fromPremiumFen: 900,
    sortOrder: 30,
    filingNo: 'C00088832392026060300217',
    clauses: [
      {
        title: '第一条 保险责任',
        body:
          '在保险期间内，保险单载明城市的气象主管机构参考观测站当日最高气温达到或超过37.0°C的，该日为一个高温日。' +
          '累计高温日数超过该城市免赔天数的，每超过一日，保险人按每份5元给付高温补贴保险金。',
      },
      {
        title: '第二条 保险金额',
        body: '每份保险的累计给付以100元为限。投保人可为每位被保险人投保1至10份，给付金额按份数累加。',
      },
      {
        title: '第三条 保险期间与等待期',
        body:
          '保险期间为当年6月21日至8月31日（以北京时间自然日计）。保险责任自投保成功次日起第3日零时开始，' +
          '等待期内及投保前出现的高温日不计入累计高温日数。',
      },
      {
        title: '第四条 数据来源',
        body: '高温日以保险单载明城市的国家气象观测参考站发布的日最高气温为准，观测记录作为理赔依据留存。',
      },
      {
        title: '第五条 自动给付',
        body: '高温补贴按日累计，每个达到给付条件的高温日次日即可在小程序内领取，无需申请。可随补贴增加多次领取。',
      },
    ],
    exclusions: [
      '等待期内（投保成功后3日内）出现的高温日不计入累计高温日数。',
      '气温读数以参考观测站为准，其他站点、体感温度、天气预报均不作为给付依据。',
      '保险单载明城市以外地区的气温不在保障范围内。',
      '同一被保险人在同一城市同一季节的累计投保份数不超过10份，超出部分无效并退还保险费。',
    ],
    terms: {
      kind: 'heat',
      thresholdCelsius: 37,
      seasonStart: '06-21',
      seasonEnd: '08-31',
      tickPerUnitFen: 500,
      capPerUnitFen: 10000,
      minUnits: 1,
      maxUnits: 10,
      waitingPeriodDays: 3,
      defaultDeductibleDays: 3,
      deductibleDaysByCity: {
        chongqing: 10,
        wuhan: 6,
        changsha: 6,
        nanchang: 6,
        hangzhou: 5,
        xian: 5,
        nanjing: 4,
        zhengzhou: 4,
        fuzhou: 4,
        shanghai: 3,
        beijing: 2,
        guangzhou: 1,
      },
      uncertaintyLoading: 0.15,
      targetLossRatio: 0.65,
      minHistorySeasons: 10,
    },
  },
  {
    code: 'RAIN',
    name: '景区下雨险',
    category: 'rain',
    tagline: '游玩日遇雨即赔，每人10元，雨停前就到账',
    fromPremiumFen: 200,
    sortOrder: 40,
    filingNo: 'C00088832392026060300225',
    clauses: [
      {
        title: '第一条 保险责任',
        body:
          '在保险期间内，保险单载明景区的参考气象观测站于游览当日09:00至17:00之间累计降水量达到或超过2.0毫米的，' +
          '保险人按每位被保险人10元给付下雨保险金。',
      },
      {
        title: '第二条 保险期间',
        body: '保险期间为保险单载明游览日期当日09:00至17:00（北京时间）。',
      },
      {
        title: '第三条 投保时间',
        body: '本产品须于游览日前一日20:00前投保，逾期不予承保。',
      },
      {
        title: '第四条 自动给付',
        body: '观测站降水数据达到给付条件后，保险金将自动以微信支付商家转账方式发放，被保险人在小程序内确认收款即可到账。',
      },
    ],
    exclusions: [
      '降水量以景区参考观测站的逐小时观测为准，其他站点数据及天气预报不作为给付依据。',
      '09:00之前或17:00之后的降水不计入累计降水量。',
      '游览日前一日20:00之后提交的投保不予承保。',
      '同一景区同一游览日的承保人数设有上限，额满即止。',
    ],
    terms: {
      kind: 'rain',
      thresholdMm: 2,
      windowStart: '09:00',
      windowEnd: '17:00',
      payoutPerPersonFen: 1000,
      maxPersons: 10,
      saleClosesAtLocalTimeDayBefore: '20:00',
      targetLossRatio: 0.65,
      minPremiumFen: 100,
    },
  },
];

/** The catalogue: products and their immutable versions, seeded with the four launch products. */
export class Catalog1764230400000 implements MigrationInterface {
  name = 'Catalog1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await queryRunner.query(`
      CREATE TABLE products (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL UNIQUE,
        name varchar(64) NOT NULL,
        category varchar(32) NOT NULL CHECK (category IN ('flight_delay', 'heat', 'rain')),
        tagline varchar(128) NOT NULL,
        from_premium_fen integer NOT NULL CHECK (from_premium_fen >= 0),
        sort_order integer NOT NULL DEFAULT 0,
        on_sale boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE product_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id),
        version integer NOT NULL CHECK (version > 0),
        insurer_name varchar(64) NOT NULL,
        filing_no varchar(64) NOT NULL,
        clauses jsonb NOT NULL,
        exclusions jsonb NOT NULL,
        terms jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT product_versions_product_version_key UNIQUE (product_id, version),
        CONSTRAINT product_versions_dates_check CHECK (effective_to IS NULL OR effective_to > effective_from)
      )`);
    // Sold wording must never change under a policy: versions are append-only.
    await queryRunner.query(`
      CREATE FUNCTION product_versions_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'product_versions are immutable: add a new version instead'
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER product_versions_immutable
        BEFORE UPDATE OR DELETE ON product_versions
        FOR EACH ROW EXECUTE FUNCTION product_versions_are_immutable()`);

    for (const product of SEED) {
      const [{ id }] = (await queryRunner.query(
        `INSERT INTO products (code, name, category, tagline, from_premium_fen, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [product.code, product.name, product.category, product.tagline, product.fromPremiumFen, product.sortOrder],
      )) as { id: string }[];
      await queryRunner.query(
        `INSERT INTO product_versions
           (product_id, version, insurer_name, filing_no, clauses, exclusions, terms, effective_from)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          INSURER,
          product.filingNo,
          JSON.stringify(product.clauses),
          JSON.stringify(product.exclusions),
          JSON.stringify(product.terms),
          EFFECTIVE_FROM,
        ],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product_versions`);
    await queryRunner.query(`DROP FUNCTION product_versions_are_immutable()`);
    await queryRunner.query(`DROP TABLE products`);
  }
}
