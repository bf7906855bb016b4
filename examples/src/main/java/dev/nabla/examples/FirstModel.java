package dev.nabla.examples;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Metrics;
import dev.nabla.nn.Module;   // by name: java.lang.Module has the same simple name
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.Checkpoint;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.SGD;
import java.nio.file.Path;

/** A whole training program to copy and change: data, model, the loop, evaluation and a checkpoint. */
public final class FirstModel {
    /** Trains for ten epochs, printing a line per epoch, and saves a checkpoint in the working folder. */
    public static void main(String[] args) throws Exception {
        // The data: $NABLA_DATA, ~/.cache/nabla, Debian's package, or a download checked against its SHA-256
        FashionMnist data = FashionMnist.load();
        DataLoader train = new DataLoader(data.train(), 256, true, 0);   // reshuffled every epoch, seed 0
        DataLoader test = new DataLoader(data.test(), 256);

        Module net = new Sequential(new Flatten(),
                new Linear(784, 256), new ReLU(), new Dropout(0.2),
                new Linear(256, 10));
        CrossEntropyLoss loss = new CrossEntropyLoss();
        SGD optimizer = new SGD(net.parameters(), 0.1);

        int epochs = 10;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            net.train();                                   // dropout on
            double lossSum = 0;
            for (Batch b : train) {
                Tensor l = loss.forward(net.forward(b.features()), b.labels());
                optimizer.zeroGrad();
                l.backward();
                optimizer.step();
                lossSum += l.item() * b.size();
            }
            double testAcc = Metrics.accuracy(net, test);  // eval mode and no-grad inside
            System.out.printf("epoch %2d  train loss %.4f  test acc %.4f%n", epoch, lossSum / data.train().size(), testAcc);
        }

        // Weights, optimizer state and the generator: Checkpoint.resume(file, net, optimizer, rng) continues from here
        Path file = Path.of("first-model.safetensors");
        Checkpoint.save(file, net, optimizer, epochs, Rng.defaultGenerator());
        System.out.println("saved " + file.toAbsolutePath());
    }
}
