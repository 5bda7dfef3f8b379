package io.signet.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.signet.json.Limits;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedding example of serve/README.md, compiled and run here; the README block must be this code. */
class EmbeddingExampleTest {
    @Test
    void signetInsideAnApplicationsOwnNettyPipeline() throws Exception {
        final Path modelDir = Paths.get("..", "src-test-data", "models", "mnist-uint8");
        // README:embedding:begin
        ServedModel model = ServedModel.open(modelDir, null, Limits.DEFAULT);
        SignetService signet = new SignetService(model, new ServeOptions());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    // your own handlers may come before (TLS, auth) or instead of Signet for other paths
                    ch.pipeline().addLast(new HttpServerCodec(), new SignetHttpHandler(signet));
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
        // README:embedding:end
        try {
            final int port = ((InetSocketAddress) server.localAddress()).getPort();
            final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/invocations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [[[[1]]]]}")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode());
            assertEquals("{\"error_code\": \"INVALID_PARAMETER_VALUE\", \"message\": \"Shape of input (1, 1, 1, 1) does "
                + "not match expected shape (-1, 28, 28, 1).\", \"path\": \"/inputs\"}", r.body());
        } finally {
            server.close().sync();
            group.shutdownGracefully().sync();
            signet.close();
        }
        // the README shows exactly the lines between the markers
        final String src = Files.readString(Paths.get("src", "test", "java", "io", "signet", "serve",
            "EmbeddingExampleTest.java"), StandardCharsets.UTF_8);
        final String block = src.substring(src.indexOf("// README:embedding:begin\n") + 26,
            src.indexOf("// README:embedding:end")).stripIndent();
        final String readme = Files.readString(Paths.get("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("```java\n" + block + "```"), "serve/README.md must show:\n" + block);
    }
}
