/**
 * Sets an own enumerable property, even for the name `__proto__` (which plain assignment would turn into a
 * prototype change). Parsed payloads use attacker-chosen names, so every write into them goes through here.
 */
export function setOwnField(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[name] = value;
  }
}
