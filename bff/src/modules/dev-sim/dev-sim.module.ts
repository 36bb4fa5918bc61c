import { Module } from '@nestjs/common';
import { DevSimController } from './dev-sim.controller.js';

@Module({ controllers: [DevSimController] })
export class DevSimModule {}
