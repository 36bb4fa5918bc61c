/**
 * One spelling per flight number, used both when history is imported and when a flight is
 * priced, so `CA0981`, `ca981` and (`CA`, `981`) all meet the same statistics row.
 */
export const normalizeCarrier = (carrier: string): string => carrier.trim().toUpperCase();

export const normalizeFlightNo = (carrier: string, flightNo: string): string => {
  let number = flightNo.trim().toUpperCase();
  const airline = normalizeCarrier(carrier);
  // Callers may pass the whole flight number (`MU5101`) or only its number (`5101`).
  if (airline && number.startsWith(airline)) number = number.slice(airline.length);
  const withoutZeros = number.replace(/^0+(?=.)/, '');
  return withoutZeros;
};
