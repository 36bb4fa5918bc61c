import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Selling flight-delay cover: the flights we insure (with their sold-capacity counter), quotes,
 * orders with their payment and sales trail, policies, payment notifications and refunds.
 * Money is integer fen; times are timestamptz (UTC); personal data is encrypted (`*_encrypted`)
 * with a keyed blind index where equality lookups are needed.
 */
export class FlightSales1764500100000 implements MigrationInterface {
  name = 'FlightSales1764500100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE order_no_seq`);
    await queryRunner.query(`CREATE SEQUENCE policy_no_seq`);
    await queryRunner.query(`CREATE SEQUENCE refund_no_seq`);

    await queryRunner.query(`
      CREATE TABLE flights (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flight_no varchar(8) NOT NULL,
        flight_date date NOT NULL,
        carrier_code varchar(2) NOT NULL,
        carrier_name varchar(32) NOT NULL,
        origin jsonb NOT NULL,
        destination jsonb NOT NULL,
        scheduled_departure timestamptz NOT NULL,
        scheduled_arrival timestamptz NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('scheduled', 'delayed', 'departed', 'arrived', 'cancelled', 'diverted')),
        estimated_departure timestamptz,
        actual_departure timestamptz,
        actual_arrival timestamptz,
        provider_revision integer NOT NULL DEFAULT 0,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        sold_sum_insured_fen bigint NOT NULL DEFAULT 0 CHECK (sold_sum_insured_fen >= 0),
        CONSTRAINT flights_flight_no_date_key UNIQUE (flight_no, flight_date)
      )`);

    await queryRunner.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id),
        product_id uuid NOT NULL REFERENCES products (id),
        product_version_id uuid NOT NULL REFERENCES product_versions (id),
        flight_id uuid NOT NULL REFERENCES flights (id),
        payout_fen integer NOT NULL CHECK (payout_fen > 0),
        premium_fen integer NOT NULL CHECK (premium_fen > 0),
        pricing jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX quotes_customer_idx ON quotes (customer_id, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_no varchar(20) NOT NULL UNIQUE,
        customer_id uuid NOT NULL REFERENCES customers (id),
        quote_id uuid NOT NULL REFERENCES quotes (id),
        product_version_id uuid NOT NULL REFERENCES product_versions (id),
        flight_id uuid NOT NULL REFERENCES flights (id),
        amount_fen integer NOT NULL CHECK (amount_fen > 0),
        payout_fen integer NOT NULL CHECK (payout_fen > 0),
        status varchar(16) NOT NULL DEFAULT 'pending_payment'
          CHECK (status IN ('pending_payment', 'paid', 'issued', 'refunding', 'refunded', 'closed')),
        insured_name_encrypted text NOT NULL,
        insured_name_masked varchar(32) NOT NULL,
        insured_id_encrypted text NOT NULL,
        insured_id_index varchar(64) NOT NULL,
        insured_id_masked varchar(24) NOT NULL,
        insured_phone_encrypted text NOT NULL,
        insured_phone_masked varchar(16) NOT NULL,
        exclusions_read_version_id uuid NOT NULL REFERENCES product_versions (id),
        idempotency_key varchar(64) NOT NULL,
        request_hash char(64) NOT NULL,
        prepay_id varchar(64),
        transaction_id varchar(64),
        paid_at timestamptz,
        refund_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT orders_customer_idempotency_key UNIQUE (customer_id, idempotency_key)
      )`);
    await queryRunner.query(`CREATE INDEX orders_pending_idx ON orders (created_at) WHERE status = 'pending_payment'`);
    await queryRunner.query(`CREATE INDEX orders_customer_idx ON orders (customer_id, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE sales_trail_events (
        id bigserial PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        type varchar(32) NOT NULL,
        page varchar(128) NOT NULL,
        at timestamptz NOT NULL,
        duration_ms integer,
        detail varchar(256),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX sales_trail_events_order_idx ON sales_trail_events (order_id, at)`);

    await queryRunner.query(`
      CREATE TABLE policies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        policy_no varchar(20) NOT NULL UNIQUE,
        order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
        customer_id uuid NOT NULL REFERENCES customers (id),
        product_version_id uuid NOT NULL REFERENCES product_versions (id),
        flight_id uuid NOT NULL REFERENCES flights (id),
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'claimed', 'expired', 'cancelled')),
        premium_fen integer NOT NULL,
        payout_fen integer NOT NULL,
        insured_id_index varchar(64) NOT NULL,
        cover_start timestamptz NOT NULL,
        cover_end timestamptz NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One policy per insured person per flight (products.md §1), enforced where races are settled.
    await queryRunner.query(
      `CREATE UNIQUE INDEX policies_one_per_insured_flight ON policies (flight_id, insured_id_index) WHERE status <> 'cancelled'`,
    );
    await queryRunner.query(`CREATE INDEX policies_customer_idx ON policies (customer_id, issued_at DESC)`);
    await queryRunner.query(`CREATE INDEX policies_flight_active_idx ON policies (flight_id) WHERE status = 'active'`);

    await queryRunner.query(`
      CREATE TABLE payment_notifications (
        notification_id varchar(64) PRIMARY KEY,
        event_type varchar(48) NOT NULL,
        out_trade_no varchar(32),
        outcome varchar(32) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        refund_no varchar(20) NOT NULL UNIQUE,
        order_id uuid NOT NULL UNIQUE REFERENCES orders (id),
        amount_fen integer NOT NULL CHECK (amount_fen > 0),
        reason text NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'succeeded', 'closed', 'abnormal')),
        wechat_refund_id varchar(64),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE subscriptions (
        customer_id uuid NOT NULL REFERENCES customers (id),
        template_id varchar(64) NOT NULL,
        accepted_count integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (customer_id, template_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'subscriptions',
      'refunds',
      'payment_notifications',
      'policies',
      'sales_trail_events',
      'orders',
      'quotes',
      'flights',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    for (const sequence of ['refund_no_seq', 'policy_no_seq', 'order_no_seq']) {
      await queryRunner.query(`DROP SEQUENCE ${sequence}`);
    }
  }
}
