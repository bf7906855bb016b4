package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cody's erfc against PyTorch's float64 erfc (C's libm), and GELU's float values against it. */
class ErfTest {

    @Test
    void erfcAgreesWithLibmToAFewUlpsOfDouble() {
        // torch.special.erfc(torch.arange(-6, 6.25, 0.25, dtype=torch.float64)), torch 1.13
        double[] expected = {2.0, 1.9999999999999996, 1.9999999999999927, 1.999999999999887, 1.9999999999984626,
            1.999999999981515, 1.999999999803384, 1.9999999981494259, 1.999999984582742, 1.9999998862727435,
            1.9999992569016276, 1.9999956972205364, 1.9999779095030015, 1.9998993780778804, 1.999593047982555,
            1.9985372834133188, 1.9953222650189528, 1.9866716712191825, 1.9661051464753108, 1.9229001282564582,
            1.8427007929497148, 1.7111556336535152, 1.5204998778130465, 1.276326390168237, 1.0, 0.7236736098317631,
            0.4795001221869535, 0.28884436634648486, 0.15729920705028513, 0.07709987174354177, 0.033894853524689274,
            0.013328328780817557, 0.004677734981047265, 0.0014627165866811518, 0.0004069520174449589,
            1.0062192211963683e-04, 2.209049699858544e-05, 4.302779463675122e-06, 7.430983723414128e-07,
            1.1372725656979665e-07, 1.541725790028002e-08, 1.8505741373867425e-09, 1.9661604415428876e-10,
            1.8485047721485312e-11, 1.537459794428035e-12, 1.1310313266887154e-13, 7.357847917974398e-15,
            4.232136617425738e-16, 2.1519736712498913e-17};
        for (int i = 0; i < expected.length; i++) {
            double x = -6 + 0.25 * i;
            assertEquals(expected[i], Erf.erfc(x), 1e-14 * expected[i], "erfc(" + x + ")");
        }
        // far tail, where 1 - erf(x) would have cancelled to 0 long before: erfc(8), erfc(10), erfc(20), erfc(26)
        double[] tail = {1.1224297172982926e-29, 2.088487583762545e-45, 5.395865611607901e-176, 5.663192408856143e-296};
        double[] at = {8, 10, 20, 26};
        for (int i = 0; i < tail.length; i++) assertEquals(tail[i], Erf.erfc(at[i]), 1e-13 * tail[i], "erfc(" + at[i] + ")");
        assertEquals(0.0, Erf.erfc(27));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
    }

    @Test
    void geluAndItsDerivativeAreCorrectlyRoundedFloatsOnMinus10To10() {
        // x·½·erfc(-x/√2) and ½·erfc(-x/√2) + x·e^(-x²/2)/√(2π) in torch float64, x = -10, -9.5, ..., 10. (torch's own
        // F.gelu in float32 is off by up to 2.4e-7 here, and by 57% at x = -5.5, where 1 + erf(x/√2) cancels.)
        double[] gelu = {-7.6198530241605945e-23, -9.9697893215945893e-21, -1.0157295653584581e-18, -8.0576045988728521e-17,
            -4.9767684594174563e-15, -2.3931687546831902e-13, -8.9586878072008455e-12, -2.6104003795084313e-10,
            -5.9195258702262084e-09, -1.0444259356238256e-07, -1.4332578593959727e-06, -1.5289529061285279e-05,
            -0.00012668496733247989, -0.00081420177662433761, -0.004049694094890287, -0.015524163314440348,
            -0.045500263896358431, -0.10021080190328713, -0.15865525393145707, -0.15426876936299347, 0,
            0.3457312306370065, 0.84134474606854293, 1.399789198096713, 1.9544997361036416, 2.4844758366855597,
            2.9959503059051098, 3.4991857982233756, 3.9998733150326675, 4.4999847104709385, 4.99999856674214,
            5.4999998955574068, 5.9999999940804738, 6.4999999997389599, 6.9999999999910409, 7.4999999999997611,
            7.9999999999999947, 8.5, 9, 9.5, 10};
        double[] derivative = {-7.6184000964648135e-22, -9.4690934738313836e-20, -9.1389373739066403e-18,
            -6.8465049386970846e-16, -3.9796072610867959e-14, -1.7938314830426479e-12, -6.2663230314666339e-11,
            -1.6950517937572628e-09, -3.5468709453902015e-08, -5.7334723987399255e-07, -7.1469460017922947e-06,
            -6.8529161856344578e-05, -0.00050364966122642149, -0.0028217603536246356, -0.011945647204183927,
            -0.037611085908145214, -0.085231801078196917, -0.12746919222997954, -0.083315470587686291,
            0.13250487534383718, 0.5, 0.86749512465616274, 1.0833154705876864, 1.1274691922299795, 1.0852318010781969,
            1.0376110859081451, 1.0119456472041839, 1.0028217603536247, 1.0005036496612265, 1.0000685291618563,
            1.0000071469460017, 1.0000005733472399, 1.0000000354687093, 1.0000000016950519, 1.0000000000626632,
            1.0000000000017939, 1.0000000000000397, 1.0000000000000007, 1, 1, 1};
        for (int i = 0; i < gelu.length; i++) {
            float x = -10 + 0.5f * i;
            assertEquals((float) gelu[i], UnaryOp.GELU.apply(x), "gelu(" + x + ")");
            assertEquals((float) derivative[i], UnaryOp.GELU_DERIVATIVE.apply(x), "gelu'(" + x + ")");
        }
    }

    @Test
    void geluAtTheEdgesIsPyTorchs() {
        // F.gelu(torch.tensor([inf, -inf, nan])) = [inf, nan, nan]; its gradient at ±inf is nan
        assertEquals(Float.POSITIVE_INFINITY, UnaryOp.GELU.apply(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(UnaryOp.GELU.apply(Float.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(UnaryOp.GELU.apply(Float.NaN)));
        assertTrue(Float.isNaN(UnaryOp.GELU_DERIVATIVE.apply(Float.POSITIVE_INFINITY)));
        assertTrue(Float.isNaN(UnaryOp.GELU_DERIVATIVE.apply(Float.NEGATIVE_INFINITY)));
    }
}
