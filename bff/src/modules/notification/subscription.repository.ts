import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The subscribe-message allowances a customer has granted, one row per template. */
@Injectable()
export class SubscriptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One more "accept": WeChat will deliver one more message of this template. */
  async addAccept(customerId: string, templateId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO subscriptions (customer_id, template_id, accepted_count) VALUES ($1, $2, 1)
       ON CONFLICT (customer_id, template_id) DO UPDATE SET accepted_count = subscriptions.accepted_count + 1, updated_at = now()`,
      [customerId, templateId],
    );
  }
}
