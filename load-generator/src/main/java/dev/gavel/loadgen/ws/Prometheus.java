package dev.gavel.loadgen.ws;

/**
 * Reads the few figures the load generator needs from a Prometheus text exposition (the services'
 * {@code /actuator/prometheus}).
 */
public final class Prometheus {

    private Prometheus() {}

    /**
     * The sum of every sample of {@code metric} whose labels include all of {@code labels} (each written
     * {@code name="value"}), or NaN if there is none. Negative samples (a pool without a maximum reports -1) are left
     * out of the sum.
     */
    public static double sum(String exposition, String metric, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int rest = metric.length();
            if (rest >= line.length() || (line.charAt(rest) != '{' && line.charAt(rest) != ' ')) {
                continue; // another metric whose name starts with this one
            }
            int space = line.lastIndexOf(' ');
            String labelText = line.substring(rest, space);
            boolean matches = true;
            for (String label : labels) {
                if (!labelText.contains(label)) {
                    matches = false;
                    break;
                }
            }
            if (!matches) {
                continue;
            }
            double value = Double.parseDouble(line.substring(space + 1).trim());
            found = true;
            if (value >= 0) {
                sum += value;
            }
        }
        return found ? sum : Double.NaN;
    }
}
