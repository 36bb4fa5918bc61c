import { Module } from '@nestjs/common';
import { CampaignModule } from '../campaign/campaign.module.js';
import { AuthController } from './auth.controller.js';
import { LoginWithWechatUseCase } from './login-with-wechat.use-case.js';

@Module({
  imports: [CampaignModule],
  controllers: [AuthController],
  providers: [LoginWithWechatUseCase],
})
export class IdentityModule {}
