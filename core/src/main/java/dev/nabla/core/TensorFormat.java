package dev.nabla.core;

import java.util.Locale;

/**
 * PyTorch's print format: integers as {@code 3.}, otherwise 4 decimals, scientific notation when
 * magnitudes span too much; more than 1000 elements are summarised with {@code ...}.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000, EDGE = 3, LINE_WIDTH = 80;

    private final boolean summarize;
    private final String pattern;
    private final int width;

    private TensorFormat(Tensor t) {
        float[] d = t.data();
        summarize = d.length > THRESHOLD;
        boolean ints = true;
        double maxAbs = 0, minAbs = Double.MAX_VALUE;
        for (float v : d) {
            if (!Float.isFinite(v)) continue;
            ints &= v == Math.rint(v);
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) minAbs = Math.min(minAbs, a);
        }
        boolean sci = ints ? maxAbs > 1e8 : maxAbs > 1e8 || (minAbs != Double.MAX_VALUE && (minAbs < 1e-4 || maxAbs / minAbs > 1000));
        pattern = sci ? "%.4e" : ints ? "%.0f." : "%.4f";
        int w = 1;  // as PyTorch: only non-zero finite values set the column width
        for (float v : d) if (v != 0f && Float.isFinite(v)) w = Math.max(w, text(v).length());
        width = w;
    }

    static String format(Tensor t) {
        TensorFormat f = new TensorFormat(t);
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.dim() == 0) sb.append(f.text(t.data()[0]));
        else if (t.numel() == 0) sb.append("[]");
        else f.appendDim(sb, t.data(), t.shape, 0, 0, "tensor(".length());
        if (t.numel() == 0 && t.dim() > 1) {  // PyTorch's tuple: size=(0, 3)
            String s = Shapes.str(t.shape);
            sb.append(", size=(").append(s, 1, s.length() - 1).append(')');
        }
        if (t.gradFn != null) sb.append(", grad_fn=<").append(t.gradFn.name()).append('>');
        else if (t.requiresGrad()) sb.append(", requires_grad=True");
        return sb.append(')').toString();
    }

    private String text(float v) {
        if (Float.isNaN(v)) return "nan";
        if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String s = String.format(Locale.ROOT, pattern, v);
        return s.equals("-0.") || s.equals("-0.0000") ? s.substring(1) : s;
    }

    private void appendDim(StringBuilder sb, float[] d, int[] shape, int dim, int offset, int indent) {
        int n = shape[dim], block = Shapes.inner(shape, dim);
        boolean cut = summarize && n > 2 * EDGE;
        sb.append('[');
        if (dim == shape.length - 1) {
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (width + 2)), onLine = 0;
            for (int i = 0; i < n; i++) {
                if (cut && i == EDGE) { sb.append("..., "); i = n - EDGE; }
                if (onLine == perLine) { sb.append('\n').append(" ".repeat(indent + 1)); onLine = 0; }
                String s = text(d[offset + i]);
                sb.append(" ".repeat(Math.max(0, width - s.length()))).append(s);
                if (i < n - 1) sb.append(", ");
                onLine++;
            }
        } else {
            String sep = "," + "\n".repeat(shape.length - dim - 1) + " ".repeat(indent + 1);
            for (int i = 0; i < n; i++) {
                if (cut && i == EDGE) { sb.append("...").append(sep); i = n - EDGE; }
                appendDim(sb, d, shape, dim + 1, offset + i * block, indent + 1);
                if (i < n - 1) sb.append(sep);
            }
        }
        sb.append(']');
    }
}
