import { describe, expect, it } from "vitest";
import { display, setDisplaySink, type MimeBundle } from "../../lib/display/index.js";
import { htmlToText } from "../../lib/display/display.js";

describe("display.html", () => {
  it("sends the markup as text/html and a readable text/plain with entities decoded", () => {
    const seen: MimeBundle[] = [];
    setDisplaySink({ display: (bundle) => seen.push(bundle) });
    try {
      display.html("<b>R&amp;D</b> &lt;5% &#8212; &#x3c0; &copy;");
    } finally {
      setDisplaySink(null);
    }
    expect(seen[0]!["text/html"]).toBe("<b>R&amp;D</b> &lt;5% &#8212; &#x3c0; &copy;");
    // Worked by hand from the HTML named and numeric character references (&#8212; is U+2014, &#x3c0; U+03C0);
    // an entity replab does not know stays as written.
    expect(seen[0]!["text/plain"]).toBe("R&D <5% — π &copy;");
  });

  it("leaves malformed references alone", () => {
    expect(htmlToText("a &#xzz; b & c")).toBe("a &#xzz; b & c");
  });
});
