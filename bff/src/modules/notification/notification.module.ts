import { Module } from '@nestjs/common';
import { SubscriptionController } from './subscription.controller.js';
import { SubscriptionRepository } from './subscription.repository.js';

@Module({ controllers: [SubscriptionController], providers: [SubscriptionRepository] })
export class NotificationModule {}
