import type { AccessTokenProvider } from './access-token.provider.js';
import type { WechatApiHttp } from './wechat-api.http.js';

export interface PhoneNumber {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** getPhoneNumber's one-time code (valid 5 minutes) → the user's phone number. */
export class PhoneNumberClient {
  constructor(
    private readonly http: WechatApiHttp,
    private readonly tokens: AccessTokenProvider,
  ) {}

  async resolve(code: string): Promise<PhoneNumber> {
    const data = await this.tokens.withToken((token) =>
      this.http.post<{ phone_info: PhoneNumber }>(
        '/wxa/business/getuserphonenumber',
        { access_token: token },
        { code },
      ),
    );
    const { phoneNumber, purePhoneNumber, countryCode } = data.phone_info;
    return { phoneNumber, purePhoneNumber, countryCode };
  }
}
