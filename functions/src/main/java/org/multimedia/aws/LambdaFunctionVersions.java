package org.multimedia.aws;

import jakarta.inject.Singleton;
import org.multimedia.core.KeepAlive;
import org.multimedia.core.Primed;
import org.multimedia.operations.FunctionVersions;
import org.multimedia.operations.RollbackVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stack's function versions in Lambda: ListAliases, ListVersionsByFunction (both paginated),
 * DeleteFunction with a version qualifier (never without one: that would delete the function),
 * and an asynchronous Invoke with the keep-alive event. The role allows these on the stack's own
 * functions only.
 */
@Singleton
public class LambdaFunctionVersions implements FunctionVersions, Primed {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaFunctionVersions.class);
    private static final String LATEST = "$LATEST";

    private final LambdaClient lambda;

    public LambdaFunctionVersions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    @Override
    public List<Alias> aliases(String function) {
        return AwsCalls.guard("ListAliases", () -> lambda.listAliasesPaginator(r -> r.functionName(function)).aliases()
                .stream().map(LambdaFunctionVersions::alias).toList());
    }

    private static Alias alias(AliasConfiguration alias) {
        Set<String> weighted = new TreeSet<>();
        if (alias.routingConfig() != null && alias.routingConfig().hasAdditionalVersionWeights()) {
            weighted.addAll(alias.routingConfig().additionalVersionWeights().keySet());
        }
        return new Alias(alias.name(), alias.functionVersion(), weighted);
    }

    @Override
    public List<String> versions(String function) {
        return AwsCalls.guard("ListVersionsByFunction", () -> lambda.listVersionsByFunctionPaginator(r -> r.functionName(function))
                .versions().stream().map(FunctionConfiguration::version).filter(v -> !LATEST.equals(v)).toList());
    }

    @Override
    public Deletion delete(String function, String version) {
        if (!RollbackVersions.isNumbered(version)) { // never $LATEST, never without a qualifier
            throw new IllegalArgumentException("Only a numbered version is deleted");
        }
        return AwsCalls.guard("DeleteFunction", () -> {
            try {
                lambda.deleteFunction(r -> r.functionName(function).qualifier(version));
                return Deletion.DELETED;
            } catch (ResourceConflictException inUse) {
                // An alias, provisioned concurrency or an operation in progress still holds it.
                LOG.info("Version {} of {} is in use, kept", version, function);
                return Deletion.IN_USE;
            } catch (ResourceNotFoundException gone) {
                return Deletion.GONE;
            }
        });
    }

    @Override
    public void keepAlive(String function, String qualifier) {
        AwsCalls.run("Invoke", () -> lambda.invoke(r -> r.functionName(function).qualifier(qualifier)
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(KeepAlive.EVENT))));
    }

    /**
     * Before a snapshot: the aliases of a function that does not exist (Lambda answers 404, or the
     * role's refusal: it names only the stack's functions); loads the client and its request path.
     */
    @Override
    public void prime() {
        try {
            lambda.listAliases(r -> r.functionName("priming"));
        } catch (SdkException refusedOrMissing) {
            // the client and its request path are loaded either way
        }
    }
}
