package org.multimedia.infrastructure.emulator;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Whether the stack is checked against the rules AWS enforces before anything is created in the
 * emulator ({@link AwsRules}), and the account figures those rules need. On unless turned off
 * with {@code LOCAL_AWS_STRICT=false} (environment) or {@code -DlocalAws.strict=false}.
 *
 * @param lambdaConcurrencyQuota the account's Lambda concurrent executions quota: 10 on many new
 *                               accounts; {@code LOCAL_AWS_CONCURRENCY_QUOTA} /
 *                               {@code -DlocalAws.concurrencyQuota} for an account raised to 1,000
 */
public record StrictMode(boolean enabled, int lambdaConcurrencyQuota) {

    public static final String SWITCH_VARIABLE = "LOCAL_AWS_STRICT";
    public static final String SWITCH_PROPERTY = "localAws.strict";
    public static final String QUOTA_VARIABLE = "LOCAL_AWS_CONCURRENCY_QUOTA";
    public static final String QUOTA_PROPERTY = "localAws.concurrencyQuota";
    /** What many new accounts get (Lambda quotas page; the console shows it under Service Quotas). */
    public static final int NEW_ACCOUNT_CONCURRENCY_QUOTA = 10;

    public static final StrictMode OFF = new StrictMode(false, NEW_ACCOUNT_CONCURRENCY_QUOTA);

    private static final System.Logger LOG = System.getLogger(StrictMode.class.getName());

    /** From the system properties, else the environment; strict with a new account's quota by default. */
    public static StrictMode fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    static StrictMode from(Properties properties, Map<String, String> environment) {
        String enabled = properties.getProperty(SWITCH_PROPERTY, environment.get(SWITCH_VARIABLE));
        String quota = properties.getProperty(QUOTA_PROPERTY, environment.get(QUOTA_VARIABLE));
        boolean off = enabled != null && enabled.trim().equalsIgnoreCase("false");
        try {
            return new StrictMode(!off, quota == null || quota.isBlank()
                    ? NEW_ACCOUNT_CONCURRENCY_QUOTA : Integer.parseInt(quota.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(QUOTA_VARIABLE + " is not a number: " + quota, e);
        }
    }

    /** Throws {@link TemplateRefused} with every violation when strict; only warns when not. */
    void check(Stack stack) {
        if (!enabled) {
            LOG.log(System.Logger.Level.WARNING, "Strict mode is off: the template is not checked against"
                    + " AWS's rules, and moto accepts things AWS refuses");
            return;
        }
        List<Violation> violations = new AwsRules(stack, lambdaConcurrencyQuota, IamActions::fromCfnLint).violations();
        if (!violations.isEmpty()) {
            throw new TemplateRefused(violations);
        }
    }
}
