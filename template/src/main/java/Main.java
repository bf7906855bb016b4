import dev.nabla.examples.d2l.D2l;
import dev.nabla.examples.d2l.Loaders;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.init.Init;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.nn.optim.SGD;

/** d2l.ai's dropout chapter, the concise implementation: the book's Python, line for line. */
public class Main {
    static Sequential net() {
        Sequential net = new Sequential(new Flatten(),
                new Linear(784, 256), new ReLU(), new Dropout(0.2),
                new Linear(256, 256), new ReLU(), new Dropout(0.5),
                new Linear(256, 10));
        net.apply(m -> { if (m instanceof Linear l) Init.normal_(l.weight(), 0f, 0.01f); });
        return net;
    }

    public static void main(String[] args) throws Exception {
        int numEpochs = 10, batchSize = 256;
        double lr = 0.5;
        Sequential net = net();
        CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);
        SGD trainer = new SGD(net.parameters(), lr);
        Loaders data = D2l.loadDataFashionMnist(batchSize);
        D2l.trainCh3(net, data.train(), data.test(), loss, numEpochs, trainer);
    }
}
