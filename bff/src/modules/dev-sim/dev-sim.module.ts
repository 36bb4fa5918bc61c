import { Module } from '@nestjs/common';
import { FlightModule } from '../flight/flight.module.js';
import { WeatherModule } from '../weather/weather.module.js';
import { DevSimController } from './dev-sim.controller.js';

@Module({ imports: [WeatherModule, FlightModule], controllers: [DevSimController] })
export class DevSimModule {}
