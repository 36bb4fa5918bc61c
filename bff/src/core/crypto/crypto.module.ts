import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FIELD_CIPHER, FieldCipher } from './field-cipher.js';

@Global()
@Module({
  providers: [
    {
      provide: FIELD_CIPHER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FieldCipher(config.dataEncryptionKey),
    },
  ],
  exports: [FIELD_CIPHER],
})
export class CryptoModule {}
