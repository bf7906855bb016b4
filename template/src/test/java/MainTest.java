import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import dev.nabla.core.kernel.KernelSelector;
import dev.nabla.nn.Sequential;
import org.junit.jupiter.api.Test;

/** What `mvn test` checks in a project of your own; add yours. */
class MainTest {
    @Test
    void theModelMapsEachImageToTenClassScores() {
        Sequential net = Main.net();
        assertArrayEquals(new int[] {4, 10}, net.forward(Tensor.zeros(4, 1, 28, 28)).shape());
        assertEquals(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10, net.numParameters());
    }

    @Test
    void testsRunWithTheVectorApi() {
        assertTrue(KernelSelector.vectorApiAvailable(), "surefire's argLine passes --add-modules=jdk.incubator.vector");
    }
}
