package dev.nabla.examples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a report is written from: the plan, every run so far (the one going on included, with the
 * epochs it finished), the samples taken from finished networks, and where the job stands.
 *
 * @param runs    finished runs, then the current or stopped one (if it finished an epoch)
 * @param samples per configuration name, the sample of its first seed's network
 * @param status  where the job stands while it runs; null once it stopped
 * @param problem empty, or why the job stopped early (a run diverged)
 * @param facts   provenance: software, machine, data, times, command
 */
public record Job(Experiment.Plan plan, List<RunResult> runs, Map<String, Sample> samples, Schedule.Status status, String problem,
                  Map<String, String> facts) {
    /** Keeps copies. */
    public Job {
        runs = List.copyOf(runs);
        samples = Map.copyOf(samples);
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }

    /** True while the job is going on. */
    public boolean running() {
        return status != null;
    }

    /** True when every run finished. */
    public boolean finished() {
        return status == null && problem.isEmpty();
    }

    /** The study's configurations, each with its seeds so far. */
    public List<Seeds> study() {
        List<RunResult> s = new ArrayList<>();
        for (RunResult r : runs) if (!isBook(r)) s.add(r);
        return Seeds.group(s);
    }

    /** The book's setting with its seeds so far, or null. */
    public Seeds book() {
        List<RunResult> b = new ArrayList<>();
        for (RunResult r : runs) if (isBook(r)) b.add(r);
        List<Seeds> g = Seeds.group(b);
        return g.isEmpty() ? null : g.get(0);
    }

    private boolean isBook(RunResult r) {
        return plan.book() != null && r.config().name().equals(plan.book().name());
    }

    /**
     * The line at the top of the report: empty when finished; "Running (incomplete): ..." while
     * it runs; "Incomplete: ..." when a run diverged.
     */
    public String statusLine(String writtenAt) {
        if (!problem.isEmpty()) return problem;
        if (status == null) return "";
        return "Running (incomplete): " + status.text() + " (" + status.config().label() + ", seed " + status.config().seed() + "). "
                + "This page reloads itself every " + Report.REFRESH_SECONDS + " s while the job runs; it was last written at "
                + writtenAt + ". If that time stops changing, the job was interrupted.";
    }
}
