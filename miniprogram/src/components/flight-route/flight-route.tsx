import { Text, View } from '@tarojs/components';
import type { Flight, FlightStatus } from '@xiaoan/shared';
import { formatShanghaiTime } from '../../utils/shanghai-date';
import './flight-route.scss';

const STATUS_LABEL: Record<FlightStatus, string | null> = {
  scheduled: null,
  delayed: '已延误',
  departed: '已起飞',
  arrived: '已到达',
  cancelled: '已取消',
  diverted: '已备降',
};

export interface FlightRouteProps {
  flight: Flight;
  /** Compact: one line of airports, for lists inside cards. */
  compact?: boolean;
}

/** Departure and arrival with times (Asia/Shanghai), airports and the airline: how airlines show a flight. */
export function FlightRoute({ flight, compact = false }: FlightRouteProps) {
  const status = STATUS_LABEL[flight.status];
  return (
    <View className={`flight-route${compact ? ' flight-route--compact' : ''}`}>
      <View className="flight-route__carrier">
        <Text className="flight-route__flight-no">{flight.flightNo}</Text>
        <Text className="flight-route__airline">{flight.carrierName}</Text>
        {status ? (
          <Text className={`flight-route__status flight-route__status--${flight.status}`}>{status}</Text>
        ) : null}
      </View>
      <View className="flight-route__legs">
        <View className="flight-route__end">
          <Text className="flight-route__time">{formatShanghaiTime(flight.scheduledDeparture)}</Text>
          <Text className="flight-route__city">{flight.origin.city}</Text>
          {compact ? null : <Text className="flight-route__airport">{flight.origin.name}</Text>}
        </View>
        <View className="flight-route__line">
          <Text className="flight-route__plane">✈</Text>
        </View>
        <View className="flight-route__end flight-route__end--arrival">
          <Text className="flight-route__time">{formatShanghaiTime(flight.scheduledArrival)}</Text>
          <Text className="flight-route__city">{flight.destination.city}</Text>
          {compact ? null : <Text className="flight-route__airport">{flight.destination.name}</Text>}
        </View>
      </View>
    </View>
  );
}
