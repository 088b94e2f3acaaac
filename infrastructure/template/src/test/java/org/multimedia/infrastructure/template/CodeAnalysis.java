package org.multimedia.infrastructure.template;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.RecordComponentVisitor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * What a function's code does, read from the bytecode of the built Lambda jar: starting at the
 * handler, every method it can reach (calls resolved over the class hierarchy, so a port reaches
 * its adapters; lambdas and method references; a bean's constructors once any of its methods
 * runs), the AWS SDK operations those methods call, as IAM actions, and the settings they read,
 * as environment variables. Beans whose {@code @Requires} property the function's environment
 * does not satisfy are left out, as Micronaut leaves them out.
 */
final class CodeAnalysis {

    private static final String OURS = "org/multimedia/";
    private static final String SDK_SERVICES = "software/amazon/awssdk/services/";
    private static final String CONFIGURATION_PROPERTIES = "Lio/micronaut/context/annotation/ConfigurationProperties;";
    private static final String REQUIRES = "Lio/micronaut/context/annotation/Requires;";
    private static final String NULLABLE = "Lio/micronaut/core/annotation/Nullable;";
    private static final String BINDABLE = "Lio/micronaut/core/bind/annotation/Bindable;";

    /** Cognito operations authorised by the user's token or the client's SECRET_HASH, not by IAM. */
    private static final Set<String> COGNITO_WITHOUT_IAM = Set.of("SignUp", "ConfirmSignUp", "InitiateAuth",
            "RespondToAuthChallenge", "ForgotPassword", "ConfirmForgotPassword", "ResendConfirmationCode", "GetUser",
            "GlobalSignOut", "RevokeToken", "ChangePassword", "UpdateUserAttributes", "DeleteUser");
    /** SDK client methods that are no AWS operation. */
    private static final Set<String> NOT_OPERATIONS = Set.of("close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter", "builder", "create");

    /** One AWS operation a function's code calls: the IAM action, where, and what it is about. */
    record AwsCall(String action, String site, Set<String> settings) {
    }

    /** A setting the code reads: its environment variable, and whether the code can do without it. */
    record Setting(String variable, boolean optional) {
    }

    /**
     * What a function's code needs: its AWS calls, its settings, and the constants of our own
     * classes it reads (static fields, e.g. {@code core/KeyPurpose.CATALOGUE_CURSORS} as
     * {@code "org.multimedia.core.KeyPurpose.CATALOGUE_CURSORS"}; a class reading its own fields,
     * as an enum's initialiser does, is not counted).
     */
    record Needs(Set<AwsCall> calls, Set<Setting> settings, Set<String> constants) {
    }

    private record Method(String owner, String name, String descriptor) {
    }

    /** A method reached, with the class whose settings say what its AWS calls are about (a static helper gets its caller's). */
    private record Reached(Method method, String context) {
    }

    private static final class ClassInfo {
        String name;
        String superName;
        final List<String> interfaces = new ArrayList<>();
        String configurationPrefix;
        final List<String> requiredProperties = new ArrayList<>();
        final List<String> missingProperties = new ArrayList<>();
        final List<String> components = new ArrayList<>();
        final Set<Integer> optionalParameters = new HashSet<>();
        final Set<String> optionalComponents = new HashSet<>();
        final Map<String, MethodInfo> methods = new HashMap<>();
        /** Builder methods of DynamoDB transaction items its code calls (often inside lambdas). */
        final Set<String> transactionItems = new HashSet<>();
    }

    private static final class MethodInfo {
        final List<Method> calls = new ArrayList<>();
        final List<Method> created = new ArrayList<>();
        /** Static fields of our classes it reads: owner (internal name) and field name. */
        final List<String[]> staticReads = new ArrayList<>();
    }

    private final Map<String, ClassInfo> classes = new HashMap<>();
    private final Map<String, Set<String>> subtypes = new HashMap<>();
    private final Map<String, Set<String>> settingsByClass = new HashMap<>();

    CodeAnalysis(Path lambdaJar) {
        try (JarFile jar = new JarFile(lambdaJar.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (entry.getName().startsWith(OURS) && entry.getName().endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        ClassInfo info = read(in.readAllBytes());
                        classes.put(info.name, info);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        classes.values().forEach(c -> {
            List<String> parents = new ArrayList<>(c.interfaces);
            parents.add(c.superName);
            parents.forEach(p -> subtypes.computeIfAbsent(p, k -> new HashSet<>()).add(c.name));
        });
    }

    boolean declares(String className) {
        return classes.containsKey(className.replace('.', '/'));
    }

    /** What the handler's function does with the given environment (which decides {@code @Requires}). */
    Needs needs(String handlerClass, Map<String, String> environment) {
        Set<Reached> reached = new HashSet<>();
        Set<String> constructed = new HashSet<>();
        Deque<Reached> work = new ArrayDeque<>();
        String handler = handlerClass.replace('.', '/');
        List<String> handlerTypes = new ArrayList<>();
        for (String type = handler; classes.containsKey(type); type = classes.get(type).superName) {
            handlerTypes.add(type);
            for (String method : classes.get(type).methods.keySet()) {
                work.add(new Reached(method(type, method), type));
            }
        }
        Set<AwsCall> calls = new LinkedHashSet<>();
        Set<Setting> settings = new TreeSet<>(java.util.Comparator.comparing(Setting::variable));
        Set<String> constants = new TreeSet<>();
        while (!work.isEmpty()) {
            Reached next = work.pop();
            Method method = next.method();
            ClassInfo owner = classes.get(method.owner());
            MethodInfo info = owner == null ? null : owner.methods.get(method.name() + method.descriptor());
            if (info == null || !active(owner, environment) || !reached.add(next)) {
                continue;
            }
            String context = settingsOf(owner).isEmpty() ? next.context() : owner.name;
            if (constructed.add(owner.name)) { // a bean's methods run only once it is built
                owner.methods.keySet().stream().filter(m -> m.startsWith("<init>") || m.startsWith("<clinit>"))
                        .forEach(m -> work.add(new Reached(method(owner.name, m), owner.name)));
            }
            info.created.forEach(m -> work.add(new Reached(m, context)));
            info.staticReads.stream().filter(read -> !read[0].equals(owner.name))
                    .forEach(read -> constants.add(read[0].replace('/', '.') + "." + read[1]));
            for (Method call : info.calls) {
                if (call.owner().startsWith(OURS)) {
                    settingRead(call).ifPresent(settings::add);
                    implementations(call, handlerTypes).forEach(m -> work.add(new Reached(m, context)));
                } else if (call.owner().startsWith(SDK_SERVICES)) {
                    awsAction(call).ifPresent(action -> expand(action, call, owner).forEach(a ->
                            calls.add(new AwsCall(a, owner.name.replace('/', '.') + "." + method.name(),
                                    settingsOf(classes.get(context))))));
                }
            }
        }
        return new Needs(calls, settings, constants);
    }

    /** The settings a class reads anywhere (constructor fields included): what its AWS calls are about. */
    private Set<String> settingsOf(ClassInfo owner) {
        return settingsByClass.computeIfAbsent(owner.name, name -> {
            Set<String> variables = new TreeSet<>();
            owner.methods.values().forEach(m -> m.calls.forEach(call ->
                    settingRead(call).ifPresent(s -> variables.add(s.variable()))));
            return variables;
        });
    }

    /** The setting a call reads: an accessor of a {@code @ConfigurationProperties} record. */
    private java.util.Optional<Setting> settingRead(Method call) {
        ClassInfo target = classes.get(call.owner());
        return target != null && target.configurationPrefix != null && call.descriptor().startsWith("()")
                ? java.util.Optional.of(setting(target, call.name())) : java.util.Optional.empty();
    }

    /**
     * The methods a call can run: on the handler's own base classes, the handler's override (the
     * receiver is the handler); otherwise every override in the class hierarchy below the owner.
     */
    private List<Method> implementations(Method call, List<String> handlerTypes) {
        List<Method> found = new ArrayList<>();
        if (handlerTypes.contains(call.owner())) {
            handlerTypes.stream().filter(t -> classes.get(t).methods.containsKey(call.name() + call.descriptor()))
                    .findFirst().ifPresent(t -> found.add(new Method(t, call.name(), call.descriptor())));
            return found;
        }
        Deque<String> types = new ArrayDeque<>(List.of(call.owner()));
        Set<String> seen = new HashSet<>();
        while (!types.isEmpty()) {
            String type = types.pop();
            if (!seen.add(type)) {
                continue;
            }
            found.add(new Method(type, call.name(), call.descriptor()));
            types.addAll(subtypes.getOrDefault(type, Set.of()));
        }
        // Inherited implementations: the first superclass that declares the method.
        for (String type = call.owner(); classes.containsKey(type); type = classes.get(type).superName) {
            if (classes.get(type).methods.containsKey(call.name() + call.descriptor())) {
                found.add(new Method(type, call.name(), call.descriptor()));
                break;
            }
        }
        return found;
    }

    private boolean active(ClassInfo bean, Map<String, String> environment) {
        return bean.requiredProperties.stream().allMatch(p -> environment.containsKey(variable(p)))
                && bean.missingProperties.stream().noneMatch(p -> environment.containsKey(variable(p)));
    }

    private static Setting setting(ClassInfo properties, String component) {
        return new Setting(variable(properties.configurationPrefix + "." + component),
                properties.optionalComponents.contains(component));
    }

    /** Micronaut's mapping of a property to an environment variable: {@code tables.rateLimits} → {@code TABLES_RATE_LIMITS}. */
    static String variable(String property) {
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    /** {@code DynamoDbClient.getItem} → {@code dynamodb:GetItem}; none for calls that need no IAM. */
    private static java.util.Optional<String> awsAction(Method call) {
        String[] parts = call.owner().substring(SDK_SERVICES.length()).split("/");
        String type = parts[parts.length - 1];
        boolean client = type.endsWith("Client") || type.endsWith("Presigner");
        if (!client || NOT_OPERATIONS.contains(call.name()) || parts.length < 2) {
            return java.util.Optional.empty();
        }
        String operation = Character.toUpperCase(call.name().charAt(0)) + call.name().substring(1);
        operation = operation.replaceFirst("Paginator$", "").replaceFirst("^Presign", "");
        String service = parts[0];
        return java.util.Optional.ofNullable(switch (service) {
            case "cognitoidentityprovider" -> COGNITO_WITHOUT_IAM.contains(operation) ? null : "cognito-idp:" + operation;
            case "sesv2" -> "ses:" + operation;
            case "s3" -> "s3:" + switch (operation) {
                case "ListObjectsV2", "ListObjects" -> "ListBucket";
                default -> operation;
            };
            case "sqs" -> "sqs:" + operation.replaceFirst("Batch$", "");
            case "cloudfront" -> "cloudfront:" + operation; // CloudFrontUtilities (signing) is no client: no call
            case "lambda" -> "lambda:" + (operation.equals("Invoke") ? "InvokeFunction" : operation);
            default -> service + ":" + operation;
        });
    }

    /** A DynamoDB transaction is authorised item by item: its puts, updates, deletes and checks. */
    private static List<String> expand(String action, Method call, ClassInfo site) {
        if (action.equals("dynamodb:TransactWriteItems")) {
            List<String> items = new ArrayList<>();
            Map.of("put", "PutItem", "update", "UpdateItem", "delete", "DeleteItem", "conditionCheck", "ConditionCheckItem")
                    .forEach((builder, item) -> {
                        if (site.transactionItems.contains(builder)) {
                            items.add("dynamodb:" + item);
                        }
                    });
            return items;
        }
        if (action.equals("s3:HeadObject")) { // ListBucket, or a missing object answers 403 instead of 404
            return List.of("s3:GetObject", "s3:ListBucket");
        }
        // The same for a GetObject the code makes (a presigned one is made by whoever follows the link).
        if (action.equals("s3:GetObject") && call.name().equals("getObject")) {
            return List.of("s3:GetObject", "s3:ListBucket");
        }
        if (action.equals("s3:CopyObject")) { // no IAM action of its own: a read of the source, a write of the copy
            return List.of("s3:GetObject", "s3:PutObject");
        }
        if (action.equals("dynamodb:TransactGetItems")) {
            return List.of("dynamodb:GetItem");
        }
        return List.of(action);
    }

    private static Method method(String owner, String nameAndDescriptor) {
        int paren = nameAndDescriptor.indexOf('(');
        return new Method(owner, nameAndDescriptor.substring(0, paren), nameAndDescriptor.substring(paren));
    }

    // ------------------------------------------------------------------ reading a class file

    private static ClassInfo read(byte[] bytes) {
        ClassInfo info = new ClassInfo();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                info.name = name;
                info.superName = superName;
                info.interfaces.addAll(List.of(interfaces));
            }

            @Override
            public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
                if (descriptor.equals(CONFIGURATION_PROPERTIES)) {
                    return values((name, value) -> {
                        if (name.equals("value")) {
                            info.configurationPrefix = (String) value;
                        }
                    });
                }
                if (descriptor.equals(REQUIRES)) {
                    return values((name, value) -> {
                        if (name.equals("property")) {
                            info.requiredProperties.add((String) value);
                        } else if (name.equals("missingProperty")) {
                            info.missingProperties.add((String) value);
                        }
                    });
                }
                return null;
            }

            @Override
            public RecordComponentVisitor visitRecordComponent(String name, String descriptor, String signature) {
                info.components.add(name);
                return new RecordComponentVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                        optional(annotation);
                        return null;
                    }

                    @Override
                    public AnnotationVisitor visitTypeAnnotation(int typeRef, org.objectweb.asm.TypePath path,
                                                                 String annotation, boolean visible) {
                        optional(annotation);
                        return null;
                    }

                    private void optional(String annotation) {
                        if (annotation.equals(NULLABLE) || annotation.equals(BINDABLE)) {
                            info.optionalComponents.add(name); // no value needed, or a default
                        }
                    }
                };
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                MethodInfo method = new MethodInfo();
                info.methods.put(name + descriptor, method);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public AnnotationVisitor visitParameterAnnotation(int parameter, String annotation, boolean visible) {
                        if (name.equals("<init>") && (annotation.equals(NULLABLE) || annotation.equals(BINDABLE))) {
                            info.optionalParameters.add(parameter); // of the record's constructor: no value needed, or a default
                        }
                        return null;
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String called, String calledDescriptor, boolean isInterface) {
                        method.calls.add(new Method(owner, called, calledDescriptor));
                        if (owner.endsWith("dynamodb/model/TransactWriteItem$Builder")) {
                            info.transactionItems.add(called);
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        if (opcode == Opcodes.GETSTATIC && owner.startsWith(OURS)) {
                            method.staticReads.add(new String[]{owner, field});
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                        for (Object argument : arguments) {
                            if (argument instanceof Handle target && target.getOwner().startsWith(OURS)) {
                                method.created.add(new Method(target.getOwner(), target.getName(), target.getDesc()));
                            }
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        info.optionalParameters.stream().filter(i -> i < info.components.size())
                .forEach(i -> info.optionalComponents.add(info.components.get(i)));
        return info;
    }

    private static AnnotationVisitor values(java.util.function.BiConsumer<String, Object> sink) {
        return new AnnotationVisitor(Opcodes.ASM9) {
            @Override
            public void visit(String name, Object value) {
                sink.accept(name, value);
            }
        };
    }
}
