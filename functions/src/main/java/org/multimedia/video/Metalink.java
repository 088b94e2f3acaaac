package org.multimedia.video;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A basket as a Metalink 4 document (RFC 5854), which download managers (aria2, wget2) take as it
 * is: each file with its name, size, SHA-256 and link, so they fetch in ranges, resume, and check
 * what arrived. Files are named as they are saved; a name already taken gets " (2)" and so on.
 */
final class Metalink {

    static final String MEDIA_TYPE = "application/metalink4+xml";
    static final String NAMESPACE = "urn:ietf:params:xml:ns:metalink";
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private Metalink() {
    }

    static String of(DownloadLink.Basket basket, Instant published) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("metalink");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "generator", "Multimedia Account");
            element(xml, "published", Downloads.expiry(published));
            Set<String> names = new HashSet<>();
            for (DownloadLink.Item item : basket.items()) {
                xml.writeStartElement("file");
                xml.writeAttribute("name", unique(item.filename(), names));
                element(xml, "size", Long.toString(item.sizeBytes()));
                if (item.sha256() != null) {
                    xml.writeStartElement("hash");
                    xml.writeAttribute("type", "sha-256");
                    xml.writeCharacters(item.sha256());
                    xml.writeEndElement();
                }
                element(xml, "url", item.url());
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    static String unique(String filename, Set<String> taken) {
        String name = filename;
        int dot = filename.lastIndexOf('.');
        String stem = dot > 0 ? filename.substring(0, dot) : filename;
        String extension = dot > 0 ? filename.substring(dot) : "";
        for (int n = 2; !taken.add(name); n++) {
            name = stem + " (" + n + ")" + extension;
        }
        return name;
    }
}
