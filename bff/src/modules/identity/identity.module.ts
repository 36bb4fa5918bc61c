import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { AuthController } from './auth.controller.js';
import { ConsentController } from './consent.controller.js';
import { LoginWithWechatUseCase } from './login-with-wechat.use-case.js';
import { RecordConsentsUseCase } from './record-consents.use-case.js';

@Module({
  imports: [CampaignModule],
  controllers: [AuthController, ConsentController],
  providers: [LoginWithWechatUseCase, RecordConsentsUseCase],
})
export class IdentityModule {}
