package dev.nabla.nn;

import java.math.BigDecimal;

/** Numbers written as Python's {@code repr} writes them, so that a printed layer reads as PyTorch's: {@code eps=1e-05}. */
final class PyRepr {
    private PyRepr() {}

    /** {@code 1e-05}, {@code 0.1}, {@code 1.0}, {@code 1e+16}: Python's shortest repr of a float. */
    static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();  // the shortest digits Java finds
        int exponent = d.precision() - d.scale() - 1;  // of the first significant digit
        if (exponent >= -4 && exponent < 16) {         // Python's rule: plain from 1e-4 up to 1e16
            String plain = d.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = d.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
