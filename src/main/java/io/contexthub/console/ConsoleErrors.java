package io.contexthub.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A console form sent with a field it cannot read (a word where a number goes) is a page saying so, with 400. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

    @ExceptionHandler({BindException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class})
    public String badInput(Exception failure, HttpServletResponse response, Model model) {
        response.setStatus(400);
        String field = failure instanceof BindException bind && bind.getFieldError() != null
                ? bind.getFieldError().getField()
                : failure instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : failure instanceof MissingServletRequestParameterException missing ? missing.getParameterName()
                : "a field";
        model.addAttribute("problem", "The form's " + field + " could not be read; correct it and send it again.");
        return "console/error";
    }
}
