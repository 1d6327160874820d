package macserver;

public final class Firmware {
    public static void main(String[] args) {
        System.out.println("macserver");
    }
}
