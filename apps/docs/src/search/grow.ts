type Growable = Int32Array | Float64Array | Uint8Array;

/** `array`, or a copy at least `size` long (doubling, so growth is amortised) with the old values kept. */
export function ensureSize<T extends Growable>(array: T, size: number, fill = 0): T {
  if (array.length >= size) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  bigger.set(array as never);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
