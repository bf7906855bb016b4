package dev.nabla.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.core.Tensor;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Five steps of each optimiser on loss = Σ c·p² + Σ d·p (a gradient that changes every step),
 * against PyTorch 1.13. The numbers come from this script (python3 with Debian's python3-torch):
 * <pre>
 * import torch
 * c = torch.tensor([0.5, 1.5, 0.25, 2.0]); d = torch.tensor([0.3, -0.7, 0.1, 0.0])
 * def run(make):
 *     p = torch.tensor([1.0, -2.0, 3.0, 0.5], requires_grad=True); opt = make([p])
 *     for _ in range(5):
 *         opt.zero_grad(); ((p * p * c).sum() + (p * d).sum()).backward(); opt.step()
 *     return [float(x) for x in p.detach()]
 * run(lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01))   # and so on, as below
 * </pre>
 * The tolerance, 2e-6, is a few float32 ulps of values near 1: both sides compute in float32 but
 * may round the gradient's terms in a different order.
 */
class PyTorchReferenceTest {
    private static float[] run(Function<List<Tensor>, Optimizer> make) {
        Tensor c = Tensor.of(new float[] {0.5f, 1.5f, 0.25f, 2.0f}, 4), d = Tensor.of(new float[] {0.3f, -0.7f, 0.1f, 0.0f}, 4);
        Tensor p = Tensor.of(new float[] {1.0f, -2.0f, 3.0f, 0.5f}, 4).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        for (int i = 0; i < 5; i++) {
            opt.zeroGrad();
            p.mul(p).mul(c).sum().add(p.mul(d).sum()).backward();
            opt.step();
        }
        return p.toArray();
    }

    private static void check(float[] torch, Function<List<Tensor>, Optimizer> make) {
        assertArrayEquals(torch, run(make), 2e-6f);
    }

    @Test
    void sgd() {
        // SGD(ps, lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)
        check(new float[] {-0.276809960603714f, 1.9544962644577026f, 1.2181921005249023f, -0.3863270878791809f},
                ps -> new SGD(ps, new SGD.Options(0.1, 0.9, 0.1, 0.01, false)));
        // SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
        check(new float[] {-0.4407283365726471f, 1.0056132078170776f, 0.7793493270874023f, -0.08165019750595093f},
                ps -> new SGD(ps, 0.1, 0.9, 0, 0.01, true));
    }

    @Test
    void adam() {
        // Adam(ps, lr=0.01, weight_decay=0.1)
        check(new float[] {0.9500358700752258f, -1.9500200748443604f, 2.9500138759613037f, 0.45009830594062805f},
                ps -> new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0.1));
        // Adam(ps, lr=0.5, betas=(0.8, 0.5)), then the same with amsgrad=True
        check(new float[] {-1.0120350122451782f, 0.6954981088638306f, 0.33870065212249756f, 0.1125403344631195f},
                ps -> new Adam(ps, 0.5, 0.8, 0.5, 1e-8, 0));
        check(new float[] {-0.7282597422599792f, 0.18542209267616272f, 0.6564330458641052f, -0.017975032329559326f},
                ps -> new Adam(ps, new Adam.Options(0.5, 0.8, 0.5, 1e-8, 0, true)));
    }

    @Test
    void adamW() {
        // AdamW(ps, lr=0.01): PyTorch's defaults, weight_decay=1e-2
        check(new float[] {0.9495453834533691f, -1.9490303993225098f, 2.9485247135162354f, 0.4498588442802429f},
                ps -> new AdamW(ps, 0.01));
        // AdamW(ps, lr=0.5, betas=(0.8, 0.5), eps=1e-6, weight_decay=0.1), then the same with amsgrad=True
        check(new float[] {-0.9224028587341309f, 0.8656778335571289f, -0.13027805089950562f, 0.1539505422115326f},
                ps -> new AdamW(ps, 0.5, 0.8, 0.5, 1e-6, 0.1));
        check(new float[] {-0.6805296540260315f, 0.33219459652900696f, 0.2938740849494934f, 0.009760618209838867f},
                ps -> new AdamW(ps, new AdamW.Options(0.5, 0.8, 0.5, 1e-6, 0.1, true)));
    }
}
