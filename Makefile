# `sam build` (every function has Metadata BuildMethod: makefile) runs `make build-<Function>`
# with ARTIFACTS_DIR set, once for all the functions that share this build. Maven runs only
# when the jar is older than the code: one shaded jar, every function's handler in it.
# Lambda puts lib/*.jar on the classpath. The jar also ships the website (infrastructure/website, as
# the classpath folder site/), which SitePublisherFunction copies into the site bucket: a change of
# the site rebuilds the jar too.

JAR := functions/target/functions-lambda.jar
SOURCES := pom.xml functions/pom.xml infrastructure/emulator/pom.xml $(shell find functions/src/main infrastructure/website -type f)

build-%: $(JAR)
	test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR) "$(ARTIFACTS_DIR)/lib/"

$(JAR): $(SOURCES)
	mvn -B -q -pl functions -am package -DskipTests
	touch $@

.PHONY: jar
jar: $(JAR)
