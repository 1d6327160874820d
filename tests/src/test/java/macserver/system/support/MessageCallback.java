package macserver.system.support;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho callback for test clients that only care about the messages that arrive. */
final class MessageCallback implements MqttCallback {
    /** What to do with one message. */
    @FunctionalInterface
    interface OnMessage {
        void arrived(String topic, MqttMessage message);
    }

    private final OnMessage onMessage;

    MessageCallback(OnMessage onMessage) {
        this.onMessage = onMessage;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        onMessage.arrived(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse r) {
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
    }

    @Override
    public void deliveryComplete(IMqttToken t) {
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
    }

    @Override
    public void authPacketArrived(int code, MqttProperties p) {
    }
}
