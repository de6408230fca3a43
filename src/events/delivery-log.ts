/**
 * Remembers which hook deliveries ran, so a delivery is handled once. The
 * default, {@link memoryDeliveryLog}, lives in the memory of one Lambda
 * execution environment; implement this interface over a shared store (a
 * DynamoDB conditional put, a Redis `SET NX`) for once-only across cold
 * starts and concurrent environments.
 *
 * @public
 */
export interface DeliveryLog {
  /** Records `key`; resolves `false` when it was already recorded (the delivery is a duplicate). */
  claim(key: string): Promise<boolean>;
  /** Forgets `key`, after the handler failed, so that a redelivery runs it again. */
  release(key: string): Promise<void>;
}

/**
 * A {@link DeliveryLog} in memory, keeping the latest `max` keys (default
 * 10 000). It forgets everything at a cold start and is not shared between
 * concurrent execution environments.
 *
 * @public
 */
export function memoryDeliveryLog(max = 10_000): DeliveryLog {
  // A Set iterates in insertion order: the first key is the oldest.
  const keys = new Set<string>();
  return {
    async claim(key) {
      if (keys.has(key)) return false;
      keys.add(key);
      if (keys.size > max) keys.delete(keys.values().next().value as string);
      return true;
    },
    async release(key) {
      keys.delete(key);
    },
  };
}
