package io.github.wakeupanalyze.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueTest {
  @Test
  void numberTimesDuration_isDuration_eitherOrder() {
    Value five = Value.number(5);
    Value second = Value.seconds(1);
    assertEquals(Value.Kind.DURATION, five.times(second).kind());
    assertEquals(5e9, five.times(second).amount());
    assertEquals(5e9, second.times(five).amount());
  }

  @Test
  void durationOverDuration_isNumber_andOverZero_isUnknown() {
    Value r = Value.seconds(10).dividedBy(Value.seconds(2));
    assertEquals(Value.Kind.NUMBER, r.kind());
    assertEquals(5, r.amount());
    assertFalse(Value.seconds(1).dividedBy(Value.number(0)).known());
    assertFalse(Value.number(1).dividedBy(Value.seconds(1)).known());
  }

  @Test
  void unknownAbsorbs_andKeepsItsInput() {
    Value env = Value.unknown("read from env X").withInput("env X");
    Value r = env.times(Value.seconds(1));
    assertFalse(r.known());
    assertEquals("env X", r.input());
    assertEquals("read from env X", r.why());
  }

  @Test
  void apply_foldsTheFourArithmeticOperators_andNamesAnyOther() {
    Value ten = Value.seconds(10);
    Value two = Value.number(2);
    assertEquals(20e9, ten.apply("*", two, "d * 2").amount());
    assertEquals(5e9, ten.apply("/", two, "d / 2").amount());
    assertEquals(12e9, ten.apply("+", Value.seconds(2), "d + 2s").amount());
    assertEquals(8e9, ten.apply("-", Value.seconds(2), "d - 2s").amount());
    Value mod = ten.apply("%", two, "d % 2");
    assertFalse(mod.known());
    assertEquals("operator % in d % 2", mod.why());
  }

  @Test
  void mixedUnitsInSum_isUnknown() {
    assertFalse(Value.number(1).plus(Value.seconds(1), false).known());
    assertEquals(3e9, Value.seconds(1).plus(Value.seconds(2), false).amount());
    assertEquals(-1e9, Value.seconds(1).plus(Value.seconds(2), true).amount());
  }

  @Test
  void agree_sameValues_withEnvFallbacks_isDefaultWithInput() {
    Value five = Value.seconds(5);
    Value env = Value.unknown("read from env R").withInput("env R");
    Value v = Value.agree(List.of(five, five, env), "returns of f");
    assertTrue(v.isDuration());
    assertEquals(5e9, v.amount());
    assertEquals("env R", v.input());
  }

  @Test
  void agree_differentValues_orUnknownWithoutInput_isUnknownNamingThem() {
    Value v = Value.agree(List.of(Value.seconds(5), Value.seconds(10)), "values of x");
    assertFalse(v.known());
    assertEquals("values of x differ: 5 s or 10 s", v.why());
    Value w = Value.agree(List.of(Value.seconds(5), Value.unknown("parameter d")), "returns of f");
    assertFalse(w.known());
    assertTrue(w.why().contains("parameter d"), w.why());
    assertFalse(Value.agree(List.of(), "x").known());
  }

  @Test
  void agree_isOrderIndependent() {
    Random rnd = new Random(7);
    List<Value> pool =
        List.of(
            Value.seconds(5),
            Value.seconds(5),
            Value.unknown("env").withInput("env A"),
            Value.seconds(7),
            Value.unknown("p"));
    for (int trial = 0; trial < 200; trial++) {
      List<Value> pick = new java.util.ArrayList<>();
      for (Value x : pool) {
        if (rnd.nextBoolean()) {
          pick.add(x);
        }
      }
      List<Value> shuffled = new java.util.ArrayList<>(pick);
      java.util.Collections.shuffle(shuffled, rnd);
      Value a = Value.agree(pick, "x");
      Value b = Value.agree(shuffled, "x");
      assertEquals(a.known(), b.known(), pick.toString());
      assertEquals(a.amount(), b.amount(), pick.toString());
    }
  }
}
