import { Module } from '@nestjs/common';
import { WeatherModule } from '../weather/weather.module.js';
import { DevSimController } from './dev-sim.controller.js';

@Module({ imports: [WeatherModule], controllers: [DevSimController] })
export class DevSimModule {}
