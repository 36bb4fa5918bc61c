import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { wechatLoginRequestSchema, wechatLoginResponseSchema, type WechatLoginResponse } from '@xiaoan/shared';
import { openApiSchema } from '../../core/openapi/zod-openapi.js';
import { parseWith } from '../../core/validation/parse-with.js';
import { LoginWithWechatUseCase } from './login-with-wechat.use-case.js';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(private readonly loginWithWechat: LoginWithWechatUseCase) {}

  @Post('wechat-login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a wx.login code for a session token (rate-limited per IP and per WeChat user)' })
  @ApiBody({ schema: openApiSchema(wechatLoginRequestSchema, 'input') })
  @ApiOkResponse({ schema: openApiSchema(wechatLoginResponseSchema) })
  async login(@Body() body: unknown, @Ip() ip: string): Promise<WechatLoginResponse> {
    const { code, inviteCode, sharePath, scene } = parseWith(wechatLoginRequestSchema, body);
    return this.loginWithWechat.execute(code, ip, new Date(), { inviteCode, sharePath, scene });
  }
}
