package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.core.Tensor;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import dev.nabla.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla train --model lenet | lenet-bn}, {@code batchnorm-demo} and {@code bench --model} on small generated data. */
class LeNetCliTest {
    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinyData() throws IOException {
        DataOption.files = TinyFashion.write(data, 200, 60, true);
    }

    @AfterAll
    static void restore() {
        DataOption.files = FashionMnist.FILES;
    }

    static CliTest.Result train(String... args) {
        return CliTest.onData(data, "train", args);
    }

    @Test
    void leNetTrainsWithTheBooksLearningRateAndKeepsItsRun() throws IOException {
        Path out = tmp.resolve("bn");
        CliTest.Result r = train("--model", "lenet-bn", "--epochs", "1", "--batch-size", "50", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("d2l LeNet with batch norm: lenet-bn model, SGD lr 1.0, batch 50, 1 epochs, all training images, seed 0"),
                r.out());
        assertTrue(r.out().contains("train = running mean over the epoch's batches in training mode"), r.out());
        assertTrue(r.out().contains("  (1): BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)"), r.out());
        assertTrue(r.out().matches("(?s).*train +epoch  1/1 +train loss \\d\\.\\d{4} +acc \\d\\.\\d{4} +test loss \\d\\.\\d{4} .*"), r.out());
        var model = SafeTensors.load(out.resolve("model.safetensors"));
        assertEquals(4f, model.get("1.num_batches_tracked").item());  // 200 images, batches of 50
        assertEquals(List.of(6), List.of(model.get("1.running_mean").shape()[0]));
        JsonNode config = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("config");
        assertEquals("lenet-bn", config.get("model").asText());
        assertEquals(1.0, config.get("lr").asDouble());

        CliTest.Result further = train("--resume", out.toString(), "--epochs", "2");
        assertEquals(0, further.code(), further.err());
        assertEquals(8f, SafeTensors.load(out.resolve("model.safetensors")).get("1.num_batches_tracked").item());

        CliTest.Result plain = train("--model", "lenet", "--epochs", "1", "--train-limit", "100", "--lr", "0.3");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().contains("d2l LeNet: lenet model, SGD lr 0.3, batch 256, 1 epochs, 100 training images, seed 0"), plain.out());
    }

    @Test
    void dropoutAndHiddenDoNotApplyToLeNet() {
        CliTest.Result r = train("--model", "lenet", "--dropout", "0.2,0.5");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--dropout does not apply to --model lenet: LeNet's layers are the book's (d2l 7.6), with no dropout "
                + "and no hidden widths to choose; leave --dropout out"), r.err());
        CliTest.Result h = train("--model", "lenet-bn", "--hidden", "100");
        assertEquals(2, h.code());
        assertTrue(h.err().startsWith("--hidden does not apply to --model lenet-bn: LeNet's layers are the book's (d2l 8.5)"), h.err());
        CliTest.Result unknown = train("--model", "resnet");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("model must be concise, scratch, lenet or lenet-bn, but got 'resnet'"), unknown.err());
    }

    @Test
    void batchNormDemoShowsBothModesAndTheCostOfForgettingEval() {
        CliTest.Result r = CliTest.run("batchnorm-demo", "--data", data.toString(), "--train-limit", "100", "--batch-sizes", "1,4,60");
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("   batch mean      X.mean(0)           = [3.00, 20.00, 100.00]\n"
                + "   batch variance  X.var(0), biased /4 = [3.50, 150.00, 8750.00]\n"), out);
        assertTrue(out.contains("   call 1: X            [0.300, 2.000, 10.000]       [1.367, 20.900, 1167.567]    1\n"), out);
        assertTrue(out.contains("and eval mode changed nothing: num_batches_tracked is still 3"), out);
        assertTrue(out.contains("trained for 1 epoch on 100 images, SGD lr 1.0, seed 0"), out);
        assertTrue(out.matches("(?s).*\\n +1  (\\d\\.\\d{4}) +fails: Expected more than 1 value per channel when training, got input size "
                + "\\[1, 120\\]\\n +4  \\1 +\\d\\.\\d{4}\\n +60  \\1 +\\d\\.\\d{4}\\n.*"), "eval mode: the same accuracy at every size\n" + out);
        String text = out.substring(out.indexOf("In eval mode every image")).replace('\n', ' ');
        assertTrue(text.matches("(?s).*: here the accuracy goes from \\d\\.\\d{4} at batch size 4 to \\d\\.\\d{4} at 60, and a batch of one cannot "
                + "be normalised at all\\. A model in use sees one image at a time: the eval-mode number is the one that counts\\..*"), out);
        for (String line : out.substring(out.indexOf("In eval mode every image")).split("\n")) assertTrue(line.length() <= 110, line);
    }

    @Test
    void batchNormDemoRefusesWeightsThatMeasureNothing() throws IOException {
        Path out = tmp.resolve("bn");
        assertEquals(0, train("--model", "lenet-bn", "--epochs", "1", "--batch-size", "50", "--out", out.toString()).code());
        CliTest.Result folder = demo(out);
        assertEquals(2, folder.code());
        assertTrue(folder.err().startsWith("--weights " + out + " is a folder, not a file: pass " + out.resolve("model.safetensors")
                + ", which 'nabla train --model lenet-bn --out DIR' writes when it finishes\n"), folder.err());
        CliTest.Result checkpoint = demo(out.resolve("checkpoint.safetensors"));
        assertEquals(1, checkpoint.code());
        assertTrue(checkpoint.err().startsWith("nabla batchnorm-demo: " + out.resolve("checkpoint.safetensors") + " is a training checkpoint "
                + "(its entries are named model.*), not a model: pass the model.safetensors"), checkpoint.err());
        Map<String, Tensor> model = SafeTensors.load(out.resolve("model.safetensors"));
        Path diverged = tmp.resolve("diverged.safetensors");
        Map<String, Tensor> nan = new LinkedHashMap<>(model);
        nan.put("0.bias", Tensor.full(Float.NaN, 6));
        SafeTensors.save(diverged, nan);
        CliTest.Result r = demo(diverged);
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("nabla batchnorm-demo: " + diverged + " holds a model that diverged (parameter 0.bias is NaN): its "
                + "accuracy would measure nothing; train one with a smaller --lr\n"), r.err());
        Path lying = tmp.resolve("negative-variance.safetensors");
        Map<String, Tensor> negative = new LinkedHashMap<>(model);
        negative.put("5.running_var", Tensor.full(-1f, 16));
        SafeTensors.save(lying, negative);
        CliTest.Result v = demo(lying);
        assertEquals(1, v.code());
        assertTrue(v.err().startsWith("nabla batchnorm-demo: Error(s) in loading state_dict for Sequential:\n\tinvalid value for "
                + "5.running_var: element 0 is -1.0, but a running variance is a finite number >= 0.\n"), v.err());
        assertEquals(0, demo(out.resolve("model.safetensors")).code());
    }

    private static CliTest.Result demo(Path weights) {
        return CliTest.run("batchnorm-demo", "--data", data.toString(), "--weights", weights.toString(), "--batch-sizes", "60");
    }

    @Test
    void benchTakesTheModel() {
        CliTest.Result r = CliTest.run("bench", "--model", "vgg");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("--model must be mlp, lenet or lenet-bn, but got 'vgg'"), r.err());
        CliTest.Result overflow = CliTest.run("bench", "--model", "lenet", "--epochs", "1", "--warmup", "2147483647");  // ran no epoch, exit 0
        assertEquals(2, overflow.code());
        assertTrue(overflow.err().startsWith("--epochs and --warmup must be at most 10000, but got --epochs 1 and --warmup 2147483647"),
                overflow.err());
    }
}
