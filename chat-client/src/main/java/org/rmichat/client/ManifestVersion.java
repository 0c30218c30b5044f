package org.rmichat.client;

import picocli.CommandLine.IVersionProvider;

/** The Maven project version, as the jar's manifest records it. */
final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {"rmichat client " + (version == null ? "(development build)" : version)};
    }
}
