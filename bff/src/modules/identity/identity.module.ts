import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { LoginWithWechatUseCase } from './login-with-wechat.use-case.js';

@Module({
  controllers: [AuthController],
  providers: [LoginWithWechatUseCase],
})
export class IdentityModule {}
