/**
 * Writes a number the way Java's `Double.toString` does (JDK 19 and later: shortest round-trip digits), so
 * that the traces empreinte writes read like NumEcoEval's: `1.0`, `4.372602739726028`, `9.17808E-5`, `1.0E7`.
 * Plain decimal notation for 1e-3 ≤ |x| < 1e7, otherwise `d.dddE±n` (no `+` sign); always a digit after the point.
 */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'Infinity'
  if (value === -Infinity) return '-Infinity'
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const sign = value < 0 ? '-' : ''
  const magnitude = Math.abs(value)
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa = '', exponentText = '0'] = magnitude.toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
      const fractionPart = digits.slice(exponent + 1)
      return `${sign}${integerPart}.${fractionPart === '' ? '0' : fractionPart}`
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  }
  const fraction = digits.slice(1)
  return `${sign}${digits[0] ?? '0'}.${fraction === '' ? '0' : fraction}E${exponent}`
}
