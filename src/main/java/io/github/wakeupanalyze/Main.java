package io.github.wakeupanalyze; public final class Main { public static void main(String[] a){} }
