package org.multimedia.operations;

import java.util.List;

/**
 * The event of FunctionVersionsFunction: the schedule's {@code Input} in template.yaml,
 * {@code {"functions": [<every function of the stack>]}}, or the {@link org.multimedia.core.KeepAlive}
 * event ({@code keepAlive: true}). A plain bean: the Lambda runtime binds the event to it.
 */
public class UpkeepRequest {

    private List<String> functions;
    private Boolean keepAlive;

    public UpkeepRequest() {
    }

    public UpkeepRequest(List<String> functions) {
        this.functions = functions;
    }

    public List<String> getFunctions() {
        return functions;
    }

    public void setFunctions(List<String> functions) {
        this.functions = functions;
    }

    public Boolean getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Boolean keepAlive) {
        this.keepAlive = keepAlive;
    }
}
