package io.floe.inputs.tail;

import io.floe.api.config.Param;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of Fluentd's multiline parser ({@code <parse> @type multiline}), bound from the same
 * {@code <parse>} section as the other parser parameters: a regexp for the first line of a record and up to
 * twenty regexps that, written one after the other, match the whole record.
 */
public record MultilineConfig(
        @Param(desc = "multiline: a regexp matching the first line of a record (/^\\d{4}-/).", dflt = Param.NULL) String formatFirstline,
        @Param(name = "format1", desc = "multiline: the regexps, concatenated in order, that match a whole record (named groups "
                + "become fields); format2 ... format20 continue it.", dflt = Param.NULL) String format1,
        @Param(name = "format2", desc = "multiline: see format1.", dflt = Param.NULL) String format2,
        @Param(name = "format3", desc = "multiline: see format1.", dflt = Param.NULL) String format3,
        @Param(name = "format4", desc = "multiline: see format1.", dflt = Param.NULL) String format4,
        @Param(name = "format5", desc = "multiline: see format1.", dflt = Param.NULL) String format5,
        @Param(name = "format6", desc = "multiline: see format1.", dflt = Param.NULL) String format6,
        @Param(name = "format7", desc = "multiline: see format1.", dflt = Param.NULL) String format7,
        @Param(name = "format8", desc = "multiline: see format1.", dflt = Param.NULL) String format8,
        @Param(name = "format9", desc = "multiline: see format1.", dflt = Param.NULL) String format9,
        @Param(name = "format10", desc = "multiline: see format1.", dflt = Param.NULL) String format10,
        @Param(name = "format11", desc = "multiline: see format1.", dflt = Param.NULL) String format11,
        @Param(name = "format12", desc = "multiline: see format1.", dflt = Param.NULL) String format12,
        @Param(name = "format13", desc = "multiline: see format1.", dflt = Param.NULL) String format13,
        @Param(name = "format14", desc = "multiline: see format1.", dflt = Param.NULL) String format14,
        @Param(name = "format15", desc = "multiline: see format1.", dflt = Param.NULL) String format15,
        @Param(name = "format16", desc = "multiline: see format1.", dflt = Param.NULL) String format16,
        @Param(name = "format17", desc = "multiline: see format1.", dflt = Param.NULL) String format17,
        @Param(name = "format18", desc = "multiline: see format1.", dflt = Param.NULL) String format18,
        @Param(name = "format19", desc = "multiline: see format1.", dflt = Param.NULL) String format19,
        @Param(name = "format20", desc = "multiline: see format1.", dflt = Param.NULL) String format20) {

    /** format1..format20 as written, gaps skipped (Fluentd allows them). */
    List<String> formats() {
        List<String> out = new ArrayList<>();
        for (String f : new String[] {format1, format2, format3, format4, format5, format6, format7, format8, format9, format10,
                format11, format12, format13, format14, format15, format16, format17, format18, format19, format20}) {
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
