package io.floe.inputs;

import io.floe.api.PluginCatalog;
import io.floe.inputs.forward.ForwardInput;
import io.floe.inputs.http.HttpInput;
import io.floe.inputs.monitor.MonitorAgentInput;
import io.floe.inputs.sample.SampleInput;
import io.floe.inputs.syslog.SyslogInput;
import io.floe.inputs.tail.TailInput;
import io.floe.inputs.tcp.TcpInput;
import io.floe.inputs.udp.UdpInput;
import java.util.List;

/** The inputs this module ships; one line per plugin. */
public final class InputPlugins implements PluginCatalog {
    @Override
    public List<Class<?>> plugins() {
        return List.of(SampleInput.class, ForwardInput.class, TailInput.class, MonitorAgentInput.class, HttpInput.class, TcpInput.class,
                UdpInput.class, SyslogInput.class);
    }
}
